package com.campaignengine.bench;

import com.campaignengine.app.StatsService;
import com.campaignengine.store.postgres.BenchEngagement;
import com.campaignengine.store.postgres.Database;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * After a bench run, how long the stats API's reads take on what the run left behind: engagement is
 * added for a share of the sends (opens, some of them machine opens, clicks, replies), the tables
 * analyzed, then each read is timed several times and the median printed.
 */
final class StatsTimings {
  private static final int RUNS = 7;

  private final PrintStream out;

  StatsTimings(PrintStream out) {
    this.out = out;
  }

  void measure(Database database, StatsService stats, long workspace, long campaign) {
    BenchEngagement.Counts counts = BenchEngagement.seed(database, campaign);
    out.printf(
        "Stats at %,d executions, %,d sends, %,d events, %,d replies of one campaign:%n",
        counts.executions(), counts.sends(), counts.events(), counts.replies());
    time("campaign stats (per step)", () -> stats.campaignStats(workspace, campaign));
    time("per-day series (30 days)", () -> stats.daily(workspace, campaign, 30));
    time("upcoming (20)", () -> stats.upcoming(workspace, campaign, 20));
    time("mailboxes", () -> stats.mailboxes(workspace));
  }

  private void time(String name, Supplier<?> read) {
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      read.get();
      millis[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(millis);
    out.printf(
        "  %-28s median %7.1f ms  (min %.1f, max %.1f, %d runs)%n",
        name, millis[RUNS / 2], millis[0], millis[RUNS - 1], RUNS);
  }
}
