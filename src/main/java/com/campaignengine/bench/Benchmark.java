package com.campaignengine.bench;

import com.campaignengine.api.ApiServices;
import com.campaignengine.app.PersonService;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.Holidays;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.engine.EngineConfig;
import com.campaignengine.node.AiSettings;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.Node;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.node.StorageSettings;
import com.campaignengine.personalize.OpenAiCompatiblePersonalizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Enrolls N people in a three-step campaign (wait 0, wait 0, email through the in-process
 * transport), runs them to completion with the normal engine, and reports the rates. Durable
 * PostgreSQL settings; nothing is skipped to look fast.
 */
public final class Benchmark {
  /** The highest daily cap a mailbox may have. */
  private static final int MAILBOX_CAP = 100_000;

  private static final int PEOPLE_CHUNK = 10_000;

  /** What to run. */
  public record Settings(
      int enrollments,
      String databaseUrl,
      int workers,
      int batchSize,
      Path scratch,
      String transport,
      String smtpHost,
      int smtpPort,
      int mailboxes,
      long aiLatencyMillis,
      boolean stats,
      int idleProbes) {}

  /** The figures, also printed as one JSON line. */
  public record Result(
      int enrollments,
      double enrollmentsPerS,
      double stepsPerS,
      double emailsPerS,
      long p50Ms,
      long p99Ms,
      long peakHeapMib,
      long peakRssMib,
      long duplicates,
      double waitPhaseStepsPerS,
      double emailPhaseEmailsPerS) {

    String json() {
      return String.format(
          java.util.Locale.ROOT,
          "{\"enrollments\": %d, \"enrollments_per_s\": %.0f, \"steps_per_s\": %.0f, "
              + "\"emails_per_s\": %.0f, \"wait_phase_steps_per_s\": %.0f, "
              + "\"email_phase_emails_per_s\": %.0f, \"p50_ms\": %d, \"p99_ms\": %d, "
              + "\"peak_heap_mib\": %d, \"peak_rss_mib\": %d, \"duplicates\": %d}",
          enrollments,
          enrollmentsPerS,
          stepsPerS,
          emailsPerS,
          waitPhaseStepsPerS,
          emailPhaseEmailsPerS,
          p50Ms,
          p99Ms,
          peakHeapMib,
          peakRssMib,
          duplicates);
    }
  }

  private final PrintStream out;

  public Benchmark(PrintStream out) {
    this.out = out;
  }

  public Result run(Settings settings) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    BenchListener listener = new BenchListener(clock, settings.enrollments());
    EngineConfig config =
        EngineConfig.builder()
            .nodeId("bench")
            .workers(settings.workers())
            .batchSize(settings.batchSize())
            .build();
    try (BenchTransport transport =
            settings.transport().equals("smtp")
                ? BenchTransport.smtp(settings.smtpHost(), settings.smtpPort())
                : BenchTransport.inMemory();
        SlowModelServer model =
            settings.aiLatencyMillis() > 0
                ? new SlowModelServer(settings.aiLatencyMillis())
                : null;
        MemoryProbe memory = new MemoryProbe();
        Node node =
            Node.open(
                NodeOptions.withEnvironment(
                        new StorageSettings(settings.scratch(), settings.databaseUrl(), true),
                        config,
                        true)
                    .with(
                        s ->
                            s.withAi(AiSettings.NONE.withDailyBudget(settings.enrollments() + 10))),
                new Collaborators(
                    clock,
                    transport,
                    listener,
                    model == null
                        ? null
                        : new OpenAiCompatiblePersonalizer(
                            model.baseUrl(),
                            null,
                            "bench",
                            java.time.Duration.ofSeconds(10),
                            0)))) {
      ApiServices services = node.api();
      if (model != null) {
        out.printf(
            "Personalizing every email with a local model that answers in %d ms%n",
            settings.aiLatencyMillis());
      }
      long workspace =
          services
              .workspaces()
              .authenticate(services.workspaces().createWorkspace("bench"))
              .orElseThrow();
      List<Long> mailboxIds = new ArrayList<>();
      // The daily caps must not be what the bench measures: enough mailboxes for every email,
      // and room left for the idle probes after the run.
      int mailboxes = Math.max(settings.mailboxes(), settings.enrollments() / MAILBOX_CAP + 1);
      for (int i = 0; i < mailboxes; i++) {
        Mailbox mailbox =
            services
                .mailboxes()
                .create(
                    workspace,
                    MailboxDraft.outbox(
                        "bench-" + i + "-" + System.nanoTime() + "@bench.example",
                        "Bench",
                        MAILBOX_CAP));
        mailboxIds.add(mailbox.id());
      }
      out.printf(
          "Sending through %s from %d mailbox(es)%n", transport.describe(), mailboxIds.size());
      Campaign campaign =
          services
              .campaigns()
              .create(workspace, campaign(mailboxIds, settings.aiLatencyMillis() > 0));
      services.campaigns().activate(workspace, campaign.id());
      out.printf("Creating %,d people…%n", settings.enrollments());
      List<Long> people = createPeople(services.people(), workspace, settings.enrollments());

      long t0 = System.nanoTime();
      int enrolled = services.enrollments().enroll(workspace, campaign.id(), people).enrolled();
      double enrollSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf("Enrolled %,d in %.2f s%n", enrolled, enrollSeconds);

      long t1 = System.nanoTime();
      node.engine().start();
      while (!listener.emails().await(10, TimeUnit.SECONDS)) {
        out.printf(
            "  … %,d steps done, %,d emails sent%n", listener.steps(), listener.emailsSent());
      }
      double runSeconds = (System.nanoTime() - t1) / 1e9;
      Histogram latency = listener.latency();
      Result result =
          new Result(
              enrolled,
              enrolled / enrollSeconds,
              listener.steps() / runSeconds,
              listener.emailsSent() / runSeconds,
              latency.getValueAtPercentile(50),
              latency.getValueAtPercentile(99),
              memory.peakHeapMib(),
              MemoryProbe.peakRssMib(),
              transport.duplicates(),
              listener.stepsBeforeFirstEmail() / ((listener.firstEmailNanos() - t1) / 1e9),
              (listener.emailsSent() - 1)
                  / ((listener.lastEmailNanos() - listener.firstEmailNanos()) / 1e9));
      print(result, runSeconds, listener);
      if (settings.databaseUrl() == null) {
        out.printf(
            "  database on disk  %,d MiB (embedded PostgreSQL's data directory)%n",
            diskMib(settings.scratch()));
      }
      if (settings.idleProbes() > 0) {
        idleLatency(services, workspace, campaign.id(), listener, settings.idleProbes());
      }
      if (settings.stats()) {
        node.engine().close();
        new StatsTimings(out).measure(node.database(), services.stats(), workspace, campaign.id());
      }
      return result;
    }
  }

  /**
   * On the idle engine, enrolls one person at a time and waits for the email: the due→done latency
   * of those steps (woken by NOTIFY, claimed, run, completed) is what a person sees.
   */
  private void idleLatency(
      ApiServices services, long workspace, long campaign, BenchListener listener, int probes)
      throws InterruptedException {
    listener.latency(); // starts a fresh interval
    String run = Long.toString(System.nanoTime(), 36);
    for (int i = 0; i < probes; i++) {
      String email = "probe" + i + "." + run + "@bench.example";
      services
          .people()
          .saveAll(
              workspace,
              List.of(new PersonDraft(email, "Probe", null, null, null, null, Map.of())));
      long person = services.people().list(workspace, email, 0, 1).items().get(0).id();
      long sent = listener.emailsSent();
      Thread.sleep(200); // idle: nothing due, every worker waiting
      services.enrollments().enroll(workspace, campaign, List.of(person));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (listener.emailsSent() == sent && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
    }
    Histogram idle = listener.latency();
    out.printf(
        "  idle due -> done  p50 %d ms, p99 %d ms (%d enrollments one at a time, 3 steps each)%n",
        idle.getValueAtPercentile(50), idle.getValueAtPercentile(99), probes);
  }

  private static long diskMib(Path dir) {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
      return files
              .filter(java.nio.file.Files::isRegularFile)
              .mapToLong(
                  f -> {
                    try {
                      return java.nio.file.Files.size(f);
                    } catch (java.io.IOException e) {
                      return 0; // removed meanwhile (a WAL segment recycled)
                    }
                  })
              .sum()
          / (1024 * 1024);
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private void print(Result r, double runSeconds, BenchListener listener) {
    out.printf(
        "Ran %,d steps in %.2f s (errors: %d)%n", listener.steps(), runSeconds, listener.errors());
    out.printf("  enrollment        %,10.0f people/s%n", r.enrollmentsPerS());
    out.printf("  steps             %,10.0f steps/s%n", r.stepsPerS());
    out.printf("  emails            %,10.0f emails/s%n", r.emailsPerS());
    out.printf(
        "  by phase          %,10.0f steps/s while only wait steps ran, %,.0f emails/s while only"
            + " email steps ran%n",
        r.waitPhaseStepsPerS(), r.emailPhaseEmailsPerS());
    out.printf(
        "  due -> done       p50 %d ms, p99 %d ms (all work is due at once: includes queueing)%n",
        r.p50Ms(), r.p99Ms());
    out.printf(
        "  peak heap %d MiB, peak RSS %d MiB (this JVM; PostgreSQL runs as its own processes)%n",
        r.peakHeapMib(), r.peakRssMib());
    out.println(r.json());
  }

  private static List<Long> createPeople(PersonService people, long workspace, int count) {
    String run = Long.toString(System.nanoTime(), 36);
    for (int from = 0; from < count; from += PEOPLE_CHUNK) {
      List<PersonDraft> chunk = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + PEOPLE_CHUNK); i++) {
        chunk.add(
            new PersonDraft(
                "p" + i + "." + run + "@bench.example",
                "Person" + i,
                null,
                null,
                null,
                null,
                Map.of()));
      }
      people.saveAll(workspace, chunk);
    }
    List<Long> ids = new ArrayList<>(count);
    long after = 0;
    while (true) {
      List<Person> page = people.list(workspace, null, after, PEOPLE_CHUNK).items();
      if (page.isEmpty()) {
        return ids;
      }
      page.forEach(p -> ids.add(p.id()));
      after = page.get(page.size() - 1).id();
    }
  }

  private static CampaignDraft campaign(List<Long> mailboxIds, boolean ai) {
    Step.WaitSpec noWait = new Step.WaitSpec(0, WaitUnit.MINUTES, false);
    return new CampaignDraft(
        "bench",
        mailboxIds,
        null,
        SendingWindow.ALWAYS,
        true,
        false,
        false,
        false,
        CampaignDraft.DEFAULT_MAX_ATTEMPTS,
        List.of(
            StepDraft.ofWait("w1", noWait),
            StepDraft.ofWait("w2", noWait),
            StepDraft.ofEmail(
                "hello",
                new Step.EmailContent(
                    "Hello {{first_name}}",
                    "Hi {{first_name}}, this is a benchmark.",
                    null,
                    false,
                    ai ? new Step.AiSpec("Make it personal.", 60, java.util.Map.of()) : null))),
        false,
        false,
        Holidays.NONE);
  }
}
