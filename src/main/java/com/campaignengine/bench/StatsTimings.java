package com.campaignengine.bench;

import com.campaignengine.Application;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * After a bench run, how long the stats API's reads take on what the run left behind: engagement is
 * added for a share of the sends (opens, some of them machine opens, clicks, replies), the tables
 * analyzed, then each read is timed several times and the median printed.
 */
final class StatsTimings {
  private static final int RUNS = 7;

  private static final String[] ENGAGEMENT = {
    """
    INSERT INTO email_events (workspace_id, campaign_id, step_id, enrollment_id, email_send_id,
                              event_type, occurred_at, likely_machine)
    SELECT workspace_id, campaign_id, step_id, enrollment_id, id, 'opened',
           sent_at + interval '2 hours', id % 10 = 0
      FROM email_sends WHERE campaign_id = %d AND status = 'sent' AND id %% 3 = 0
    """,
    """
    INSERT INTO email_events (workspace_id, campaign_id, step_id, enrollment_id, email_send_id,
                              event_type, occurred_at, likely_machine)
    SELECT workspace_id, campaign_id, step_id, enrollment_id, id, 'clicked',
           sent_at + interval '3 hours', false
      FROM email_sends WHERE campaign_id = %d AND status = 'sent' AND id %% 10 = 0
    """,
    """
    INSERT INTO email_replies (workspace_id, campaign_id, step_id, enrollment_id, email_send_id,
                               mailbox_id, from_address, subject, message_id, kind, is_auto_reply,
                               received_at)
    SELECT workspace_id, campaign_id, step_id, enrollment_id, id, mailbox_id, to_address,
           'Re: ' || subject, '<reply-' || id || '@bench.example>', 'reply', false,
           sent_at + interval '5 hours'
      FROM email_sends WHERE campaign_id = %d AND status = 'sent' AND id %% 20 = 0
    """
  };

  private final PrintStream out;

  StatsTimings(PrintStream out) {
    this.out = out;
  }

  void measure(Application app, long workspace, long campaign) {
    try (Connection c = app.database().dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String sql : ENGAGEMENT) {
        s.executeUpdate(sql.replace("%d", Long.toString(campaign)).replace("%%", "%"));
      }
      s.execute("VACUUM ANALYZE");
      out.printf(
          "Stats at %,d executions, %,d sends, %,d events, %,d replies of one campaign:%n",
          count(s, "campaign_sequence_executions", campaign),
          count(s, "email_sends", campaign),
          count(s, "email_events", campaign),
          count(s, "email_replies", campaign));
    } catch (SQLException e) {
      throw new IllegalStateException("could not prepare the stats timings", e);
    }
    time("campaign stats (per step)", () -> app.stats.campaignStats(workspace, campaign));
    time("per-day series (30 days)", () -> app.stats.daily(workspace, campaign, 30));
    time("upcoming (20)", () -> app.stats.upcoming(workspace, campaign, 20));
    time("mailboxes", () -> app.stats.mailboxes(workspace));
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

  private static long count(Statement s, String table, long campaign) throws SQLException {
    try (ResultSet rs =
        s.executeQuery("SELECT count(*) FROM " + table + " WHERE campaign_id = " + campaign)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
