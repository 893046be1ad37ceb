package com.campaignengine.store.postgres;

import com.campaignengine.campaign.SoftBounceResends;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Schedules the re-send of a soft-bounced email step, in the caller's transaction. The enrollment
 * is locked first, then its live execution (the order of every writer), so a completion, a stop or
 * a second report of the same bounce either commits before (and is seen here) or waits.
 */
final class BounceResends {

  /** A re-send scheduled: its number and when it is due. */
  record Scheduled(int number, Instant at) {}

  private static final String LOCK_LIVE =
      """
      SELECT campaign_id, step_id, status IN ('pending', 'running', 'paused') AS live, status
        FROM campaign_sequence_executions
       WHERE enrollment_id = ?
         FOR UPDATE
      """;

  /**
   * The bounced send and what decides whether it is sent again, read after the locks. Only a send
   * recorded as sent: one still {@code sending} is in its own execution's hands (answer not yet
   * recorded, or in doubt and being reconciled), and ending that execution would leave it so.
   * {@code followed}: any later email of the enrollment was written (handed over, sent, or even
   * failed and retrying: its step is the enrollment's now). {@code resent}: an execution created
   * after the bounced one (the enrollment's execution now) carries a higher re-send number: this
   * send is about to be re-sent (once the re-send is written, {@code followed} says so). {@code
   * same_recipient}: the enrollment still sends from this mailbox to this address. {@code
   * runnable}: nothing holds the enrollment's work (campaign active, mailbox connected), else the
   * re-send is held as its live execution was.
   */
  private static final String BOUNCED_SEND =
      """
      SELECT s.workspace_id, s.campaign_id, s.enrollment_id, s.step_id, s.resend,
             l.status = 'active' AS active,
             l.mailbox_id = s.mailbox_id
               AND lower(p.email_address) = lower(s.to_address) AS same_recipient,
             EXISTS (SELECT 1 FROM email_sends later
                      WHERE later.enrollment_id = s.enrollment_id AND later.id > s.id) AS followed,
             EXISTS (SELECT 1 FROM campaign_sequence_executions e
                      WHERE e.enrollment_id = s.enrollment_id AND e.id > s.execution_id
                        AND e.resend > s.resend) AS resent,
             c.status = 'active' AND m.status = 'connected' AS runnable
        FROM email_sends s
        JOIN campaign_sequence_leads l ON l.id = s.enrollment_id
        JOIN people p ON p.id = l.person_id
        JOIN campaign_sequences c ON c.id = l.campaign_id
        JOIN mailboxes m ON m.id = l.mailbox_id
       WHERE s.id = ? AND s.status = 'sent'
      """;

  /** The run the re-send replaced is counted as it would have stayed: cancelled at its step. */
  private static final String COUNT_REPLACED =
      """
      INSERT INTO campaign_step_rollups AS r (campaign_id, step_id, status, slot, executions)
      VALUES (?, ?, ?, 0, 1)
      ON CONFLICT (campaign_id, step_id, status, slot)
        DO UPDATE SET executions = r.executions + 1
      """;

  private record Replaced(long campaignId, long stepId, String status) {}

  private static final String FOLLOW =
      "UPDATE campaign_sequence_leads SET current_step_id = ?, updated_at = ? WHERE id = ?";

  private record Bounced(
      long workspaceId,
      long campaignId,
      long enrollmentId,
      long stepId,
      int resend,
      boolean active,
      boolean sameRecipient,
      boolean followed,
      boolean resent,
      boolean runnable) {}

  private BounceResends() {}

  /**
   * Schedules the next re-send of send {@code sendId} of enrollment {@code enrollmentId} if {@code
   * resends} allow it (see {@link com.campaignengine.store.InboundStore#recordBounce}).
   */
  static Optional<Scheduled> schedule(
      Connection c, long enrollmentId, long sendId, SoftBounceResends resends, Instant now)
      throws SQLException {
    EnrollmentMoves.lock(c, List.of(enrollmentId));
    Optional<Replaced> replaced =
        Sql.queryOne(
            c,
            LOCK_LIVE,
            rs ->
                new Replaced(
                    rs.getLong("campaign_id"),
                    rs.getLong("step_id"),
                    rs.getBoolean("live") ? "cancelled" : rs.getString("status")),
            enrollmentId);
    Optional<Bounced> found =
        Sql.queryOne(
            c,
            BOUNCED_SEND,
            rs ->
                new Bounced(
                    rs.getLong("workspace_id"),
                    rs.getLong("campaign_id"),
                    rs.getLong("enrollment_id"),
                    rs.getLong("step_id"),
                    rs.getInt("resend"),
                    rs.getBoolean("active"),
                    rs.getBoolean("same_recipient"),
                    rs.getBoolean("followed"),
                    rs.getBoolean("resent"),
                    rs.getBoolean("runnable")),
            sendId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Bounced bounced = found.get();
    // A negative number is a repeat an older server sent through a loop, not a send of this step.
    if (bounced.enrollmentId() != enrollmentId
        || !bounced.active()
        || !bounced.sameRecipient()
        || bounced.followed()
        || bounced.resent()
        || bounced.resend() < 0
        || bounced.resend() >= resends.max()) {
      return Optional.empty();
    }
    if (replaced.isPresent()) {
      Replaced run = replaced.get();
      Sql.update(c, COUNT_REPLACED, run.campaignId(), run.stepId(), run.status());
    }
    Scheduled next = new Scheduled(bounced.resend() + 1, now.plus(resends.after()));
    ExecutionRows.scheduleResend(
        c,
        bounced.workspaceId(),
        bounced.campaignId(),
        enrollmentId,
        bounced.stepId(),
        bounced.runnable() ? "pending" : "paused",
        next.at(),
        next.number(),
        now);
    Sql.update(c, FOLLOW, bounced.stepId(), now, enrollmentId);
    return Optional.of(next);
  }
}
