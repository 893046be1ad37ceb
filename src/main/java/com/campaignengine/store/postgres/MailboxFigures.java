package com.campaignengine.store.postgres;

import com.campaignengine.readmodel.MailboxStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every mailbox of a workspace with its sends today, its errors over the last 24 hours and its
 * active enrollments.
 */
final class MailboxFigures {
  private MailboxFigures() {}

  /** sent_today counts the mailbox's quota_day; on a later local day nothing is sent yet. */
  private static final String MAILBOXES =
      """
      SELECT m.id, m.email, m.provider, m.status, m.status_reason, m.daily_limit, m.deferred_until,
             CASE WHEN m.quota_day = (?::timestamptz AT TIME ZONE m.timezone)::date
                  THEN m.sent_today ELSE 0 END AS sent_today,
             (SELECT count(*) FROM email_sends s
               WHERE s.mailbox_id = m.id AND s.status IN ('failed', 'in_doubt')
                 AND s.created_at >= ?) AS errors,
             (SELECT count(*) FROM campaign_sequence_leads l
               WHERE l.mailbox_id = m.id AND l.status = 'active') AS active
        FROM mailboxes m WHERE m.workspace_id = ? ORDER BY m.id
      """;

  /** "Today" is each mailbox's own local day at {@code now}. */
  static List<MailboxStats> read(Connection c, long workspaceId, Instant now) throws SQLException {
    return Sql.query(
        c,
        MAILBOXES,
        rs ->
            new MailboxStats(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("provider"),
                rs.getString("status"),
                rs.getString("status_reason"),
                rs.getInt("daily_limit"),
                rs.getInt("sent_today"),
                rs.getLong("errors"),
                rs.getLong("active"),
                Sql.instant(rs, "deferred_until")),
        now.toString(),
        now.minus(Duration.ofHours(24)),
        workspaceId);
  }
}
