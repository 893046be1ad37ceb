package com.campaignengine;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaModifier.PRIVATE;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.campaignengine.failure.CampaignEngineException;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The layering of issue 14, checked on the compiled classes. From the top:
 *
 * <ul>
 *   <li>entry points (the root package, {@code node}, {@code cli}, {@code demo}, {@code bench}) may
 *       import anything, and nothing imports them;
 *   <li>{@code api} (HTTP) uses {@code app} and the neutral packages, plus the records and enums
 *       that app's services return;
 *   <li>{@code app} (use cases) uses the core, the ports and the neutral packages;
 *   <li>the core ({@code engine}, {@code alerts}, {@code webhooks}, the {@code inbound} pipeline)
 *       uses ports and neutral packages, never another core package;
 *   <li>ports ({@code store}, {@code mail}, {@code personalize}'s port, and the interfaces,
 *       records, enums and exceptions of the core packages) and the neutral packages ({@code
 *       campaign}, {@code schedule}, {@code template}, {@code tracking}, {@code secrets}, {@code
 *       failure}, {@code readmodel}, {@code mailbox}, {@code http}) depend on nothing above them;
 *   <li>adapters ({@code store.postgres}, {@code mail.*}, {@code inbound.imap|gmail|microsoft},
 *       {@code metrics}) implement ports and never import each other.
 * </ul>
 *
 * <p>One rule is checked on the sources instead: SQL is text, invisible in the compiled classes.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.campaignengine");

  private static final String OURS = "com.campaignengine..";

  private static final String[] NEUTRAL = {
    "com.campaignengine.campaign..",
    "com.campaignengine.schedule..",
    "com.campaignengine.template..",
    "com.campaignengine.tracking..",
    "com.campaignengine.secrets..",
    "com.campaignengine.failure..",
    "com.campaignengine.readmodel..",
    "com.campaignengine.mailbox..",
    "com.campaignengine.http..",
    "com.campaignengine.access.."
  };

  private static final String[] ADAPTERS = {
    "com.campaignengine.store.postgres..",
    "com.campaignengine.mail.smtp..",
    "com.campaignengine.mail.gmail..",
    "com.campaignengine.mail.microsoft..",
    "com.campaignengine.mail.resend..",
    "com.campaignengine.mail.outbox..",
    "com.campaignengine.mail.memory..",
    "com.campaignengine.inbound.imap..",
    "com.campaignengine.inbound.gmail..",
    "com.campaignengine.inbound.microsoft..",
    "com.campaignengine.metrics.."
  };

  /** The core modules; each may use the others' ports, never their workings. */
  private static final List<String[]> CORE =
      List.of(
          new String[] {"com.campaignengine.engine.."},
          new String[] {"com.campaignengine.alerts.."},
          new String[] {"com.campaignengine.webhooks.."},
          // The pipeline and its classifiers; the IMAP and Gmail sources are adapters.
          new String[] {"com.campaignengine.inbound", "com.campaignengine.inbound.classify.."});

  private static final DescribedPredicate<JavaClass> ENTRY_POINTS =
      resideInAnyPackage(
          "com.campaignengine",
          "com.campaignengine.node..",
          "com.campaignengine.cli..",
          "com.campaignengine.demo..",
          "com.campaignengine.bench..");

  private static final DescribedPredicate<JavaClass> PORTS_AND_VALUES =
      describe(
          "interfaces, records, enums or exceptions (ports, the values they carry, their failures)",
          c -> c.isInterface() || c.isRecord() || c.isEnum() || c.isAssignableTo(Throwable.class));

  private static final DescribedPredicate<JavaClass> VALUES =
      describe("records or enums", c -> c.isRecord() || c.isEnum());

  /** personalize holds the port and the AI providers beside it; only the port is for others. */
  private static final DescribedPredicate<JavaClass> AI_PROVIDERS =
      resideInAPackage("com.campaignengine.personalize..").and(not(PORTS_AND_VALUES));

  @Test
  void nothing_imports_an_entry_point() {
    noClasses()
        .that(not(ENTRY_POINTS))
        .should()
        .dependOnClassesThat(ENTRY_POINTS)
        .because("node, cli, demo, bench and the root package wire the rest and run it")
        .check(MAIN);
  }

  @Test
  void the_http_api_uses_application_services_and_the_values_they_return() {
    noClasses()
        .that()
        .resideInAPackage("com.campaignengine.api..")
        .should()
        .dependOnClassesThat(
            resideInAPackage(OURS)
                .and(
                    not(
                        resideInAnyPackage(
                            concat(
                                NEUTRAL, "com.campaignengine.api..", "com.campaignengine.app.."))))
                .and(not(ENTRY_POINTS))
                .and(
                    not(
                        resideInAnyPackage(
                                "com.campaignengine.alerts",
                                "com.campaignengine.webhooks",
                                "com.campaignengine.mail")
                            .and(VALUES))))
        .because(
            "api -> app -> engine -> ports: the API never calls the core, a store or an adapter")
        .check(MAIN);
  }

  @Test
  void the_application_never_reaches_the_api_or_an_adapter() {
    noClasses()
        .that()
        .resideInAPackage("com.campaignengine.app..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(concat(ADAPTERS, "com.campaignengine.api..")).or(AI_PROVIDERS))
        .check(MAIN);
  }

  @Test
  void the_core_uses_only_ports_and_neutral_packages() {
    List<ArchRule> rules = new ArrayList<>();
    for (String[] module : CORE) {
      DescribedPredicate<JavaClass> otherCore =
          resideInAnyPackage(
                  CORE.stream().filter(m -> m != module).flatMap(Stream::of).toArray(String[]::new))
              .and(not(PORTS_AND_VALUES));
      rules.add(
          noClasses()
              .that()
              .resideInAnyPackage(module)
              .should()
              .dependOnClassesThat(
                  resideInAnyPackage(
                          concat(ADAPTERS, "com.campaignengine.app..", "com.campaignengine.api.."))
                      .or(AI_PROVIDERS)
                      .or(otherCore)));
    }
    CompositeArchRule.of(rules).check(MAIN);
  }

  @Test
  void ports_and_neutral_packages_depend_on_nothing_above_them() {
    List<ArchRule> rules = new ArrayList<>();
    for (String port :
        List.of(
            "com.campaignengine.store",
            "com.campaignengine.mail",
            "com.campaignengine.personalize")) {
      rules.add(dependsOnlyOnItselfAndNeutral(port));
    }
    for (String neutral : NEUTRAL) {
      rules.add(
          noClasses()
              .that()
              .resideInAPackage(neutral)
              .should()
              .dependOnClassesThat(resideInAPackage(OURS).and(not(resideInAnyPackage(NEUTRAL)))));
    }
    CompositeArchRule.of(rules).check(MAIN);
  }

  @Test
  void the_domain_depends_on_nothing_of_ours_but_the_exception_hierarchy() {
    noClasses()
        .that()
        .resideInAPackage("com.campaignengine.campaign..")
        .should()
        .dependOnClassesThat(
            resideInAPackage(OURS)
                .and(
                    not(
                        resideInAnyPackage(
                            "com.campaignengine.campaign..", "com.campaignengine.failure.."))))
        .check(MAIN);
  }

  @Test
  void adapters_use_only_ports_and_neutral_packages() {
    noClasses()
        .that()
        .resideInAnyPackage(ADAPTERS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.campaignengine.app..", "com.campaignengine.api..")
        .orShould()
        .dependOnClassesThat(
            resideInAnyPackage(CORE.stream().flatMap(Stream::of).toArray(String[]::new))
                .and(not(PORTS_AND_VALUES)))
        .orShould()
        .dependOnClassesThat(AI_PROVIDERS)
        .because("an adapter implements a port; what it needs of the core is that port")
        .check(MAIN);
  }

  @Test
  void adapters_never_import_each_other() {
    slices()
        .assignedFrom(new AdapterSlices())
        .should()
        .notDependOnEachOther()
        .because("shared settings and types live in a port or a neutral package")
        .check(MAIN);
  }

  @Test
  void only_entry_points_see_the_postgres_store_and_it_only_implements_ports() {
    noClasses()
        .that(not(ENTRY_POINTS))
        .and()
        .resideOutsideOfPackage("com.campaignengine.store.postgres..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.campaignengine.store.postgres..")
        .check(MAIN);
    classes()
        .that()
        .resideInAPackage("com.campaignengine.store.postgres")
        .and()
        .arePublic()
        .and()
        .areTopLevelClasses()
        // The plumbing the composition root and the benchmark need to open (and read) a database.
        .and()
        .doNotHaveSimpleName("Database")
        .and()
        .doNotHaveSimpleName("DatabaseUrls")
        .and()
        .doNotHaveSimpleName("EmbeddedPostgresServer")
        .and()
        .doNotHaveSimpleName("BenchEngagement")
        .and()
        .doNotHaveSimpleName("DatabaseCounters")
        .should()
        .implement(
            resideInAnyPackage(
                    "com.campaignengine.store",
                    "com.campaignengine.alerts",
                    "com.campaignengine.webhooks")
                .and(describe("interfaces", JavaClass::isInterface)))
        .check(MAIN);
  }

  @Test
  void only_the_postgres_store_speaks_jdbc() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.campaignengine.store.postgres..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .check(MAIN);
  }

  @Test
  void every_unchecked_exception_of_ours_is_a_campaign_engine_exception() {
    classes()
        .that()
        .areAssignableTo(RuntimeException.class)
        .and()
        .doNotHaveModifier(PRIVATE)
        .should()
        .beAssignableTo(CampaignEngineException.class)
        .because("private control-flow signals aside, one hierarchy maps to HTTP in one place")
        .check(MAIN);
  }

  @Test
  void top_level_packages_are_free_of_cycles() {
    slices().matching("com.campaignengine.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void packages_are_free_of_cycles_down_to_sub_packages() {
    slices().matching("com.campaignengine.(**)").should().beFreeOfCycles().check(MAIN);
  }

  /**
   * Issue 15: a step handler gets a narrow operations object, not the whole execution store. Only
   * the engine's wiring, its dispatcher and lease keeper (which claim, complete and renew), and the
   * adapter behind {@code SendOperations} see {@code ExecutionStore}; the email step and its parts
   * see {@code SendOperations}, wait and condition steps {@code StepReads}.
   */
  @Test
  void step_handlers_never_see_the_whole_execution_store() {
    List<String> allowed =
        List.of(
            "com.campaignengine.engine.Engine",
            "com.campaignengine.engine.EngineDependencies",
            "com.campaignengine.engine.Dispatcher",
            "com.campaignengine.engine.LeaseKeeper",
            "com.campaignengine.engine.StoreSendOperations");
    noClasses()
        .that()
        .resideInAPackage("com.campaignengine.engine..")
        .and(
            describe(
                "are not " + allowed,
                c -> !allowed.contains(c.getName().replaceFirst("\\$.*", ""))))
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("com.campaignengine.store.ExecutionStore")
        .check(MAIN);
  }

  /** A statement that writes the live execution rows (any case, any spacing). */
  private static final Pattern WRITES_EXECUTIONS =
      Pattern.compile(
          "\\b(UPDATE|INSERT\\s+INTO|DELETE\\s+FROM|MERGE\\s+INTO|TRUNCATE(\\s+TABLE)?)\\s+(ONLY\\s+)?"
              + "(public\\.)?campaign_sequence_executions\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Path EXECUTION_ROWS =
      Path.of("com", "campaignengine", "store", "postgres", "ExecutionRows.java");

  /**
   * Issue 15: every statement that writes {@code campaign_sequence_executions} (one live row per
   * enrollment, moved in place) is in {@code store.postgres.ExecutionRows}, where its meaning and
   * lock order are written down once. Migrations (resources, not sources) are not scanned. A
   * statement assembled from pieces ("UPDATE " + table) would escape this scan; none is.
   */
  @Test
  void only_execution_rows_writes_the_execution_table() throws IOException {
    Path sources = Path.of("src", "main", "java");
    TreeMap<String, List<String>> writers = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = WRITES_EXECUTIONS.matcher(Files.readString(file));
        while (m.find()) {
          writers
              .computeIfAbsent(sources.relativize(file).toString(), k -> new ArrayList<>())
              .add(m.group().replaceAll("\\s+", " "));
        }
      }
    }
    // The scan found the statements where they belong: it is not looking in the wrong place.
    Assertions.assertTrue(
        writers.containsKey(EXECUTION_ROWS.toString()),
        "no statement found in " + EXECUTION_ROWS + "; scanned " + sources.toAbsolutePath());
    writers.remove(EXECUTION_ROWS.toString());
    Assertions.assertEquals(
        new TreeMap<String, List<String>>(),
        writers,
        "SQL writing campaign_sequence_executions outside ExecutionRows");
  }

  private static ArchRule dependsOnlyOnItselfAndNeutral(String pkg) {
    return noClasses()
        .that()
        .resideInAPackage(pkg)
        .should()
        .dependOnClassesThat(
            resideInAPackage(OURS).and(not(resideInAnyPackage(concat(NEUTRAL, pkg)))));
  }

  private static String[] concat(String[] packages, String... more) {
    return Stream.concat(Stream.of(packages), Stream.of(more)).toArray(String[]::new);
  }

  /** One slice per adapter package; everything else is left out of the comparison. */
  private static final class AdapterSlices implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      for (String adapter : ADAPTERS) {
        if (resideInAPackage(adapter).test(javaClass)) {
          return SliceIdentifier.of(adapter.substring(0, adapter.length() - 2));
        }
      }
      return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "adapter packages";
    }
  }
}
