package com.campaignengine.bench;

import com.campaignengine.api.ApiServices;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.engine.EngineConfig;
import com.campaignengine.node.AiSettings;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.Node;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.node.StorageSettings;
import com.campaignengine.personalize.OpenAiCompatiblePersonalizer;
import com.campaignengine.store.postgres.DatabaseCounters;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Enrolls N people in a three-step campaign (wait 0, wait 0, email through the in-process
 * transport), runs them to completion with the normal engine, and reports the rates ({@link
 * BenchReport}, {@link BenchResult}). Durable PostgreSQL settings; nothing is skipped to look fast.
 */
public final class Benchmark {

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

  private final PrintStream out;
  private final BenchReport report;

  public Benchmark(PrintStream out) {
    this.out = out;
    this.report = new BenchReport(out);
  }

  public BenchResult run(Settings settings) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    BenchListener listener =
        new BenchListener(clock, settings.enrollments(), 2L * settings.enrollments());
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
                            model.baseUrl(), null, "bench", Duration.ofSeconds(10), 0)))) {
      ApiServices services = node.api();
      if (model != null) {
        out.printf(
            "Personalizing every email with a local model that answers in %d ms%n",
            settings.aiLatencyMillis());
      }
      BenchWorkload workload = BenchWorkload.create(services, settings, transport.describe(), out);
      DatabaseCounters counters = new DatabaseCounters(node.database());
      DatabaseCounters.Snapshot beforeEnrollment = counters.snapshot();

      long t0 = System.nanoTime();
      int enrolled =
          services
              .enrollments()
              .enroll(workload.workspace(), workload.campaignId(), workload.people())
              .enrolled();
      double enrollSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf("Enrolled %,d in %.2f s%n", enrolled, enrollSeconds);

      DatabaseCounters.Snapshot beforeRun = counters.snapshot();
      long t1 = System.nanoTime();
      node.engine().start();
      while (!listener.emails().await(10, TimeUnit.SECONDS)) {
        out.printf(
            "  … %,d steps done, %,d emails sent%n", listener.steps(), listener.emailsSent());
      }
      double runSeconds = (System.nanoTime() - t1) / 1e9;
      BenchResult result =
          BenchResult.of(
              enrolled,
              enrollSeconds,
              t1,
              runSeconds,
              listener,
              listener.latency(),
              memory,
              transport,
              counters.durability());
      report.rates(result, runSeconds, listener);
      Thread.sleep(2_000); // idle, so every backend has flushed its statistics
      DatabaseCounters.Snapshot after = counters.snapshot();
      report.costs(
          after == null || beforeRun == null ? null : after.minus(beforeRun),
          after == null || beforeEnrollment == null ? null : after.minus(beforeEnrollment),
          listener.steps(),
          enrolled);
      if (settings.databaseUrl() == null) {
        report.disk(settings.scratch());
      }
      if (settings.idleProbes() > 0) {
        idleLatency(services, workload, listener, settings.idleProbes());
      }
      if (settings.stats()) {
        node.engine().close();
        new StatsTimings(out)
            .measure(
                node.database(), services.stats(), workload.workspace(), workload.campaignId());
      }
      return result;
    }
  }

  /**
   * On the idle engine, enrolls one person at a time and waits for the email: the due→done latency
   * of those steps (woken by NOTIFY, claimed, run, completed) is what a person sees.
   */
  private void idleLatency(
      ApiServices services, BenchWorkload workload, BenchListener listener, int probes)
      throws InterruptedException {
    long workspace = workload.workspace();
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
      services.enrollments().enroll(workspace, workload.campaignId(), List.of(person));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (listener.emailsSent() == sent && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
    }
    report.idle(listener.latency(), probes);
  }
}
