package com.campaignengine.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * For {@code bench --stats} only: adds engagement to what a bench run sent, in bulk (opens for a
 * third of the sends, a tenth of them machine opens; clicks for a tenth; replies for a twentieth),
 * then analyzes the database so the timed reads run on fresh statistics.
 */
public final class BenchEngagement {
  /** How much of one campaign the stats read. */
  public record Counts(long executions, long sends, long events, long replies) {}

  private static final String[] ENGAGEMENT = {
    """
    INSERT INTO email_events (workspace_id, campaign_id, step_id, enrollment_id, email_send_id,
                              event_type, occurred_at, likely_machine)
    SELECT workspace_id, campaign_id, step_id, enrollment_id, id, 'opened',
           sent_at + interval '2 hours', id % 10 = 0
      FROM email_sends WHERE campaign_id = ? AND status = 'sent' AND id % 3 = 0
    """,
    """
    INSERT INTO email_events (workspace_id, campaign_id, step_id, enrollment_id, email_send_id,
                              event_type, occurred_at, likely_machine)
    SELECT workspace_id, campaign_id, step_id, enrollment_id, id, 'clicked',
           sent_at + interval '3 hours', false
      FROM email_sends WHERE campaign_id = ? AND status = 'sent' AND id % 10 = 0
    """,
    """
    INSERT INTO email_replies (workspace_id, campaign_id, step_id, enrollment_id, email_send_id,
                               mailbox_id, from_address, subject, message_id, kind, is_auto_reply,
                               received_at)
    SELECT workspace_id, campaign_id, step_id, enrollment_id, id, mailbox_id, to_address,
           'Re: ' || subject, '<reply-' || id || '@bench.example>', 'reply', false,
           sent_at + interval '5 hours'
      FROM email_sends WHERE campaign_id = ? AND status = 'sent' AND id % 20 = 0
    """
  };

  private BenchEngagement() {}

  public static Counts seed(Database database, long campaignId) {
    database.inTransaction(
        c -> {
          for (String sql : ENGAGEMENT) {
            Sql.update(c, sql, campaignId);
          }
          return null;
        });
    return database.withConnection(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
          }
          return new Counts(
              count(c, "campaign_sequence_executions", campaignId),
              count(c, "email_sends", campaignId),
              count(c, "email_events", campaignId),
              count(c, "email_replies", campaignId));
        });
  }

  private static long count(Connection c, String table, long campaignId) throws SQLException {
    return Sql.queryOne(
            c,
            "SELECT count(*) AS n FROM " + table + " WHERE campaign_id = ?",
            rs -> rs.getLong("n"),
            campaignId)
        .orElseThrow();
  }
}
