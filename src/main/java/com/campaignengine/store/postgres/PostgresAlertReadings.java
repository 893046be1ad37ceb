package com.campaignengine.store.postgres;

import com.campaignengine.alerts.AlertReadings;
import com.campaignengine.store.ReplyCheckHolds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the alert rules read: one query per rule, on the indexes of V002 and V008. */
public final class PostgresAlertReadings implements AlertReadings {

  private static final String WORKSPACES = "SELECT id FROM workspaces ORDER BY id";

  /**
   * Finished within the window (the step log; dead letters as they stand, so one retried since no
   * longer counts), plus those waiting for a retry after a failed attempt.
   */
  private static final String CAMPAIGN_ERRORS =
      """
      SELECT c.id, c.name, c.status, c.auto_pause_on_spike, x.total, x.bad
        FROM (SELECT campaign_id, count(*) AS total,
                     count(*) FILTER (WHERE status IN ('dead', 'pending')) AS bad
                FROM (SELECT campaign_id, status FROM campaign_step_log
                       WHERE executed_at >= ? AND workspace_id = ?
                         AND status IN ('sent', 'completed', 'skipped')
                      UNION ALL
                      SELECT campaign_id, status FROM campaign_sequence_executions
                       WHERE workspace_id = ? AND status = 'dead' AND executed_at >= ?
                      UNION ALL
                      SELECT campaign_id, status FROM campaign_sequence_executions
                       WHERE workspace_id = ? AND status = 'pending' AND error_class IS NOT NULL
                         AND error_class IN ('transient', 'unexpected')) AS e
               GROUP BY campaign_id) AS x
        JOIN campaign_sequences c ON c.id = x.campaign_id
       ORDER BY c.id
      """;

  /**
   * People emailed within the window (their send handed over in it), and how many of them bounced:
   * their enrollment ended as bounced, or (a sequence that had already finished) a hard bounce from
   * their address came in.
   */
  private static final String CAMPAIGN_BOUNCES =
      """
      SELECT c.id, c.name, c.status, c.auto_pause_on_spike, x.total, x.bad
        FROM (SELECT campaign_id, count(DISTINCT enrollment_id) AS total,
                     count(DISTINCT enrollment_id) FILTER (WHERE bounced) AS bad
                FROM (SELECT s.campaign_id, s.enrollment_id,
                             l.status = 'bounced'
                             OR EXISTS (SELECT 1 FROM email_bounces b
                                         WHERE b.workspace_id = s.workspace_id
                                           AND b.recipient = lower(s.to_address)
                                           AND b.hard AND b.received_at >= s.created_at) AS bounced
                        FROM email_sends s
                        JOIN campaign_sequence_leads l ON l.id = s.enrollment_id
                       WHERE s.workspace_id = ? AND s.created_at >= ? AND s.status = 'sent') AS sent
               GROUP BY campaign_id) AS x
        JOIN campaign_sequences c ON c.id = x.campaign_id
       ORDER BY c.id
      """;

  private static final String DEAD_LETTERS =
      """
      SELECT count(*) FILTER (WHERE executed_at >= ?) AS recent, count(*) AS total
        FROM campaign_sequence_executions
       WHERE workspace_id = ? AND status = 'dead'
      """;

  private static final String DISCONNECTED =
      """
      SELECT id, email, status_reason FROM mailboxes
       WHERE workspace_id = ? AND status = 'disconnected'
       ORDER BY id
      """;

  private static final String HELD_FOLLOW_UPS =
      """
      SELECT h.mailbox_id, m.email, h.waiting_since, h.last_error
        FROM reply_check_holds h JOIN mailboxes m ON m.id = h.mailbox_id
       WHERE h.workspace_id = ? AND h.last_error_at >= ?
       ORDER BY h.mailbox_id
      """;

  private static final String UNSEAL_FAILURES =
      """
      SELECT DISTINCT coalesce(e.node_id, '?') AS node_id, m.id, m.email
        FROM engine_events e
        JOIN mailboxes m ON m.id = e.mailbox_id
       WHERE e.workspace_id = ? AND e.kind = 'secret_unavailable' AND e.created_at >= ?
       ORDER BY 1, 2
      """;

  /** Full for the mailbox's current local day; the day's latest send is when it became full. */
  private static final String AT_DAILY_CAP =
      """
      SELECT m.id, m.email, m.timezone, m.daily_limit, m.sent_today,
             (SELECT max(s.created_at) FROM email_sends s
               WHERE s.mailbox_id = m.id
                 AND s.created_at >= (m.quota_day::timestamp AT TIME ZONE m.timezone)) AS reached_at
        FROM mailboxes m
       WHERE m.workspace_id = ? AND m.sent_today >= m.daily_limit
         AND m.quota_day = (?::timestamptz AT TIME ZONE m.timezone)::date
       ORDER BY m.id
      """;

  private static final String OLDEST_DUE =
      """
      SELECT min(scheduled_at) AS oldest FROM campaign_sequence_executions
       WHERE workspace_id = ? AND status = 'pending' AND scheduled_at <= ?
      """;

  private final Database database;

  public PostgresAlertReadings(Database database) {
    this.database = database;
  }

  @Override
  public List<Long> workspaceIds() {
    return database.withConnection(c -> Sql.query(c, WORKSPACES, rs -> rs.getLong("id")));
  }

  @Override
  public List<CampaignRate> campaignErrors(long workspaceId, Instant since) {
    return database.withConnection(
        c ->
            Sql.query(
                c,
                CAMPAIGN_ERRORS,
                PostgresAlertReadings::rate,
                since,
                workspaceId,
                workspaceId,
                since,
                workspaceId));
  }

  @Override
  public List<CampaignRate> campaignBounces(long workspaceId, Instant since) {
    return database.withConnection(
        c -> Sql.query(c, CAMPAIGN_BOUNCES, PostgresAlertReadings::rate, workspaceId, since));
  }

  @Override
  public DeadLetters deadLetters(long workspaceId, Instant since) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                    c,
                    DEAD_LETTERS,
                    rs -> new DeadLetters(rs.getLong("recent"), rs.getLong("total")),
                    since,
                    workspaceId)
                .orElse(new DeadLetters(0, 0)));
  }

  @Override
  public List<DisconnectedMailbox> disconnectedMailboxes(long workspaceId) {
    return database.withConnection(
        c ->
            Sql.query(
                c,
                DISCONNECTED,
                rs ->
                    new DisconnectedMailbox(
                        rs.getLong("id"), rs.getString("email"), rs.getString("status_reason")),
                workspaceId));
  }

  @Override
  public List<AlertReadings.HeldFollowUps> heldFollowUps(long workspaceId, Instant now) {
    return database.withConnection(
        c -> {
          Map<Long, Long> waiting = MailboxReadings.followUpsWaiting(c, workspaceId, null);
          return Sql.query(
              c,
              HELD_FOLLOW_UPS,
              rs ->
                  new AlertReadings.HeldFollowUps(
                      rs.getLong("mailbox_id"),
                      rs.getString("email"),
                      Sql.instant(rs, "waiting_since"),
                      rs.getString("last_error"),
                      waiting.getOrDefault(rs.getLong("mailbox_id"), 0L)),
              workspaceId,
              now.minus(ReplyCheckHolds.STALE_AFTER));
        });
  }

  @Override
  public List<UnsealFailure> unsealFailures(long workspaceId, Instant since) {
    return database.withConnection(
        c ->
            Sql.query(
                c,
                UNSEAL_FAILURES,
                rs ->
                    new UnsealFailure(
                        rs.getString("node_id"), rs.getLong("id"), rs.getString("email")),
                workspaceId,
                since));
  }

  @Override
  public List<FullMailbox> mailboxesAtDailyCap(long workspaceId, Instant now) {
    return database.withConnection(
        c ->
            Sql.query(
                c,
                AT_DAILY_CAP,
                rs ->
                    new FullMailbox(
                        rs.getLong("id"),
                        rs.getString("email"),
                        rs.getString("timezone"),
                        rs.getInt("daily_limit"),
                        rs.getInt("sent_today"),
                        Sql.instant(rs, "reached_at")),
                workspaceId,
                now));
  }

  @Override
  public Optional<Instant> oldestDue(long workspaceId, Instant now) {
    return database.withConnection(
        c -> Sql.queryOne(c, OLDEST_DUE, rs -> Sql.instant(rs, "oldest"), workspaceId, now));
  }

  private static CampaignRate rate(ResultSet rs) throws SQLException {
    return new CampaignRate(
        rs.getLong("id"),
        rs.getString("name"),
        "active".equals(rs.getString("status")),
        rs.getBoolean("auto_pause_on_spike"),
        rs.getLong("total"),
        rs.getLong("bad"));
  }
}
