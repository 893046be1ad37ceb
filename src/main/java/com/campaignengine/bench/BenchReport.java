package com.campaignengine.bench;

import com.campaignengine.store.postgres.DatabaseCounters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * What the bench prints after a run: its rates, by phase, latency and memory, and the JSON line.
 */
final class BenchReport {
  private final PrintStream out;

  BenchReport(PrintStream out) {
    this.out = out;
  }

  void rates(BenchResult r, double runSeconds, BenchListener listener) {
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
        "  steady state      %,10.0f wait steps/s, %,.0f emails/s (each phase after its first 10 %%)%n",
        r.steadyWaitStepsPerS(), r.steadyEmailsPerS());
    out.printf(
        "  due -> done       p50 %d ms, p99 %d ms (all work is due at once: includes queueing)%n",
        r.p50Ms(), r.p99Ms());
    out.printf(
        "  peak heap %d MiB, peak RSS %d MiB (this JVM; PostgreSQL runs as its own processes)%n",
        r.peakHeapMib(), r.peakRssMib());
    out.printf(
        "  durability        fsync %s, synchronous_commit %s, full_page_writes %s%n",
        r.durability().fsync(),
        r.durability().synchronousCommit(),
        r.durability().fullPageWrites());
    out.println(r.json());
  }

  /** What PostgreSQL wrote: per step of the run, and per enrollment including enrolling it. */
  void costs(
      DatabaseCounters.Snapshot run,
      DatabaseCounters.Snapshot withEnrollment,
      long steps,
      int enrolled) {
    if (run == null || withEnrollment == null) {
      out.println(
          "  database writes   unknown (no pg_stat_wal: PostgreSQL 14 or later reports it)");
      return;
    }
    out.println("  database writes   " + run.per(steps, "step (run only)"));
    out.println("                    " + withEnrollment.per(steps, "step (enrollment included)"));
  }

  /** The size of the embedded PostgreSQL's data, under the bench's scratch directory. */
  void disk(Path scratch) {
    out.printf(
        "  database on disk  %,d MiB (embedded PostgreSQL's data directory)%n", diskMib(scratch));
  }

  void idle(Histogram idle, int probes) {
    out.printf(
        "  idle due -> done  p50 %d ms, p99 %d ms (%d enrollments one at a time, 3 steps each)%n",
        idle.getValueAtPercentile(50), idle.getValueAtPercentile(99), probes);
  }

  private static long diskMib(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
              .filter(Files::isRegularFile)
              .mapToLong(
                  f -> {
                    try {
                      return Files.size(f);
                    } catch (IOException e) {
                      return 0; // removed meanwhile (a WAL segment recycled)
                    }
                  })
              .sum()
          / (1024 * 1024);
    } catch (IOException e) {
      return -1;
    }
  }
}
