package com.campaignengine.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work held back ({@code paused} executions) is released only when nothing holds it any more: its
 * enrollment is active, its campaign is active and its mailbox is connected. Every release — by
 * campaign, enrollment or mailbox — goes through this one rule ({@link ExecutionRows}), and wakes
 * the workers if it released anything.
 */
final class HeldWork {
  private HeldWork() {}

  static int releaseForCampaign(Connection c, long campaignId) throws SQLException {
    return notifyIfAny(c, ExecutionRows.releaseHeldForCampaign(c, campaignId));
  }

  static int releaseForEnrollment(Connection c, long enrollmentId) throws SQLException {
    return notifyIfAny(c, ExecutionRows.releaseHeldForEnrollment(c, enrollmentId));
  }

  static int releaseForMailbox(Connection c, long mailboxId) throws SQLException {
    return notifyIfAny(c, ExecutionRows.releaseHeldForMailbox(c, mailboxId));
  }

  private static int notifyIfAny(Connection c, int released) throws SQLException {
    if (released > 0) {
      PostgresWakeups.notifyDue(c);
    }
    return released;
  }
}
