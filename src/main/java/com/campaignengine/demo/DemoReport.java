package com.campaignengine.demo;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.readmodel.CampaignStats;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Prints the demo's per-step table and where the emails went. */
final class DemoReport {
  private final PrintStream out;

  DemoReport(PrintStream out) {
    this.out = out;
  }

  void print(Campaign campaign, CampaignStats stats, Path outbox) {
    out.println();
    long enrolled = stats.enrollmentsByStatus().values().stream().mapToLong(Long::longValue).sum();
    out.printf(
        "%-10s %-10s %6s %10s %8s %8s%n",
        "step", "type", "sent", "completed", "skipped", "stopped");
    for (CampaignStats.StepStats step : stats.steps()) {
      Map<String, Long> by = step.byStatus();
      long reached = by.values().stream().mapToLong(Long::longValue).sum();
      out.printf(
          "%-10s %-10s %6d %10d %8d %8d%n",
          step.key(),
          step.type(),
          step.sent(),
          by.getOrDefault("completed", 0L),
          enrolled - reached,
          by.getOrDefault("cancelled", 0L));
    }
    out.println(
        "(skipped: never reached, because the sequence ended or branched away first;"
            + " stopped: cancelled by a reply)");
    out.println();
    out.println("Enrollments: " + stats.enrollmentsByStatus());
    out.printf("Emails sent: %d; replies: %d%n", stats.sent(), stats.replied());
    out.printf("The .eml files (%d) are in %s%n", countEml(outbox), outbox.toAbsolutePath());
    out.println("(campaign " + campaign.id() + ": \"" + campaign.name() + "\")");
  }

  static long countEml(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".eml")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
