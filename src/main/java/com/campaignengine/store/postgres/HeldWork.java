package com.campaignengine.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work held back ({@code paused} executions) is released only when nothing holds it any more: its
 * enrollment is active, its campaign is active and its mailbox is connected. Every release — by
 * campaign, enrollment or mailbox — goes through this one rule.
 */
final class HeldWork {
  private static final String RELEASE =
      """
      UPDATE campaign_sequence_executions e
         SET status = 'pending', version = e.version + 1
        FROM campaign_sequence_leads l
        JOIN campaign_sequences c ON c.id = l.campaign_id
        JOIN mailboxes m ON m.id = l.mailbox_id
       WHERE e.status = 'paused' AND l.id = e.enrollment_id
         AND l.status = 'active' AND c.status = 'active' AND m.status = 'connected'
      """;

  private HeldWork() {}

  static int releaseForCampaign(Connection c, long campaignId) throws SQLException {
    return notifyIfAny(c, Sql.update(c, RELEASE + " AND e.campaign_id = ?", campaignId));
  }

  static int releaseForEnrollment(Connection c, long enrollmentId) throws SQLException {
    return notifyIfAny(c, Sql.update(c, RELEASE + " AND e.enrollment_id = ?", enrollmentId));
  }

  static int releaseForMailbox(Connection c, long mailboxId) throws SQLException {
    return notifyIfAny(c, Sql.update(c, RELEASE + " AND l.mailbox_id = ?", mailboxId));
  }

  private static int notifyIfAny(Connection c, int released) throws SQLException {
    if (released > 0) {
      PostgresWakeups.notifyDue(c);
    }
    return released;
  }
}
