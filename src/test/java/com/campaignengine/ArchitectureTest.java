package com.campaignengine;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering of conventions.md §2, checked on the compiled classes. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.campaignengine");

  @Test
  void the_domain_depends_on_nothing_of_ours_but_the_exception_hierarchy() {
    noClasses()
        .that()
        .resideInAPackage("com.campaignengine.campaign..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("com.campaignengine..")
                .and(not(resideInAPackage("com.campaignengine.campaign..")))
                .and(not(resideInAPackage("com.campaignengine.failure.."))))
        .check(MAIN);
  }

  @Test
  void the_engine_never_imports_an_adapter() {
    noClasses()
        .that()
        .resideInAPackage("com.campaignengine.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.campaignengine.store.postgres..", "com.campaignengine.mail.outbox..",
            "com.campaignengine.mail.memory..", "com.campaignengine.api..",
            "com.campaignengine.cli..", "com.campaignengine.app..")
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
  void the_http_api_and_the_cli_go_through_application_services() {
    noClasses()
        .that()
        .resideInAnyPackage("com.campaignengine.api..", "com.campaignengine.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.campaignengine.store.postgres..")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Store")
        .check(MAIN);
  }
}
