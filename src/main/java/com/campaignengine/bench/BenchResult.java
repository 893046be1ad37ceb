package com.campaignengine.bench;

import com.campaignengine.store.postgres.DatabaseCounters;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The bench's figures, also printed as one JSON line. The phase rates: the run's wait steps all
 * complete before its first email (the steps up to then, over the time up to then), and the emails
 * after the first one over the time from the first to the last. The steady rates leave out the
 * first 10 % of each phase (pool warm-up, JIT, the first batches' cold caches).
 */
public record BenchResult(
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
    double emailPhaseEmailsPerS,
    double steadyWaitStepsPerS,
    double steadyEmailsPerS,
    DatabaseCounters.Durability durability) {

  /**
   * The figures of a run that started at {@code runStartNanos} and took {@code runSeconds}; {@code
   * latency} is the run's due-to-done histogram.
   */
  static BenchResult of(
      int enrolled,
      double enrollSeconds,
      long runStartNanos,
      double runSeconds,
      BenchListener listener,
      Histogram latency,
      MemoryProbe memory,
      BenchTransport transport,
      DatabaseCounters.Durability durability) {
    return new BenchResult(
        enrolled,
        enrolled / enrollSeconds,
        listener.steps() / runSeconds,
        listener.emailsSent() / runSeconds,
        latency.getValueAtPercentile(50),
        latency.getValueAtPercentile(99),
        memory.peakHeapMib(),
        MemoryProbe.peakRssMib(),
        transport.duplicates(),
        listener.stepsBeforeFirstEmail() / ((listener.firstEmailNanos() - runStartNanos) / 1e9),
        (listener.emailsSent() - 1)
            / ((listener.lastEmailNanos() - listener.firstEmailNanos()) / 1e9),
        listener.steadyWaitStepsPerS(),
        listener.steadyEmailsPerS(),
        durability);
  }

  String json() {
    return String.format(
        Locale.ROOT,
        "{\"enrollments\": %d, \"enrollments_per_s\": %.0f, \"steps_per_s\": %.0f, "
            + "\"emails_per_s\": %.0f, \"wait_phase_steps_per_s\": %.0f, "
            + "\"email_phase_emails_per_s\": %.0f, \"steady_wait_steps_per_s\": %.0f, "
            + "\"steady_emails_per_s\": %.0f, \"p50_ms\": %d, \"p99_ms\": %d, "
            + "\"peak_heap_mib\": %d, \"peak_rss_mib\": %d, \"duplicates\": %d, %s}",
        enrollments,
        enrollmentsPerS,
        stepsPerS,
        emailsPerS,
        waitPhaseStepsPerS,
        emailPhaseEmailsPerS,
        steadyWaitStepsPerS,
        steadyEmailsPerS,
        p50Ms,
        p99Ms,
        peakHeapMib,
        peakRssMib,
        duplicates,
        durability.json());
  }
}
