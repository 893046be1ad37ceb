package com.campaignengine.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every statement that writes {@code campaign_sequence_executions}, and nothing else: one live row
 * per enrollment (its primary key), moved in place from step to step (V021). Each method runs one
 * statement on the caller's connection, in the caller's transaction; deciding when to call it, and
 * taking the locks it assumes, stays with the caller. Reads of the table stay with their callers
 * (ArchitectureTest checks that no other source file writes it).
 *
 * <p>The rules every write here keeps:
 *
 * <ul>
 *   <li><b>Version fence.</b> Every change of a row bumps {@code version}, except the lease
 *       renewal, which changes nothing else. A claim remembers the version its lease gave the row;
 *       a hand-over or completion that finds another version lost its race and changes nothing.
 *   <li><b>Lock order.</b> Writers lock enrollments ({@code campaign_sequence_leads}) first, in id
 *       order, then their execution rows. The exceptions never wait for an enrollment: the claim's
 *       own writes (its rows are already locked by its {@code FOR UPDATE SKIP LOCKED}), the
 *       heartbeat, the reaper and a node's release (each skips rows others hold), and a campaign's
 *       pause (its rows in enrollment order, as a hand-over share-locks them). Each method says
 *       which it is.
 *   <li><b>States.</b> {@code pending} (due at {@code scheduled_at}), {@code running} (leased to
 *       {@code locked_by} until {@code locked_until}: email steps only), {@code paused} (held), and
 *       the ends {@code sent}, {@code completed}, {@code skipped}, {@code cancelled}, {@code dead}.
 * </ul>
 */
final class ExecutionRows {

  /** Rows whose step runs outside the transaction (email): leased to the node, version bumped. */
  private static final String LEASE =
      """
      UPDATE campaign_sequence_executions
         SET status = 'running', locked_by = ?, locked_until = ?, version = version + 1
       WHERE enrollment_id = ANY(?)
      """;

  /**
   * Renews only what this node has in flight. Rows another transaction holds (a completion about to
   * finish them) are skipped, so the heartbeat never waits on, or deadlocks with, a completion.
   */
  private static final String RENEW =
      """
      UPDATE campaign_sequence_executions SET locked_until = ?
       WHERE enrollment_id IN (SELECT enrollment_id FROM campaign_sequence_executions
                     WHERE enrollment_id = ANY(?) AND status = 'running' AND locked_by = ?
                     FOR UPDATE SKIP LOCKED)
      """;

  private static final String REAP =
      """
      UPDATE campaign_sequence_executions
         SET status = 'pending', locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE enrollment_id IN (SELECT enrollment_id FROM campaign_sequence_executions
                     WHERE status = 'running' AND locked_until < ?
                     FOR UPDATE SKIP LOCKED)
      """;

  private static final String RELEASE_LEASES =
      """
      UPDATE campaign_sequence_executions
         SET status = 'pending', locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE enrollment_id IN (SELECT enrollment_id FROM campaign_sequence_executions
                     WHERE status = 'running' AND locked_by = ?
                     FOR UPDATE SKIP LOCKED)
      """;

  /**
   * Fenced by version: every change of an execution bumps it (only the lease renewal does not, and
   * it changes nothing else), so a matching version means it is still the claim this node made.
   * With a next step, the row becomes that step's new run: a fresh id, no attempts, no error.
   */
  private static final String MOVE =
      """
      UPDATE campaign_sequence_executions e
         SET id = CASE WHEN x.next_step IS NULL THEN e.id
                       ELSE nextval('campaign_sequence_executions_id_seq') END,
             step_id = coalesce(x.next_step, e.step_id),
             status = x.status,
             scheduled_at = coalesce(x.scheduled_at, e.scheduled_at),
             attempts = CASE WHEN x.next_step IS NULL THEN e.attempts + x.attempt ELSE 0 END,
             resend = CASE WHEN x.next_step IS NULL THEN e.resend ELSE 0 END,
             error_class = x.error_class,
             last_error = x.error,
             email_send_id = CASE WHEN x.next_step IS NULL
                                  THEN coalesce(x.send_id, e.email_send_id) END,
             executed_at = CASE WHEN x.next_step IS NOT NULL THEN NULL
                                WHEN x.status IN ('pending', 'paused') THEN e.executed_at
                                ELSE ?::timestamptz END,
             created_at = CASE WHEN x.next_step IS NULL THEN e.created_at ELSE ?::timestamptz END,
             locked_by = NULL, locked_until = NULL, version = e.version + 1
        FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::timestamptz[], ?::int[],
                    ?::text[], ?::text[], ?::bigint[])
             AS x(enrollment_id, version, status, next_step, scheduled_at, attempt, error_class,
                  error, send_id)
       WHERE e.enrollment_id = x.enrollment_id AND e.version = x.version
      RETURNING e.enrollment_id
      """;

  /**
   * The enrollment's execution becomes the re-send: a new run of the bounced step. Its version
   * moves on, as a pause's does, so a claim of the run it replaces can no longer hand anything over
   * or complete.
   */
  private static final String RESEND =
      """
      INSERT INTO campaign_sequence_executions
             (workspace_id, campaign_id, enrollment_id, step_id, status, scheduled_at, resend,
              created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (enrollment_id) DO UPDATE
         SET id = nextval('campaign_sequence_executions_id_seq'), step_id = excluded.step_id,
             status = excluded.status, scheduled_at = excluded.scheduled_at,
             resend = excluded.resend, attempts = 0, error_class = NULL, last_error = NULL,
             email_send_id = NULL, executed_at = NULL, created_at = excluded.created_at,
             locked_by = NULL, locked_until = NULL,
             version = campaign_sequence_executions.version + 1
      """;

  private static final String INSERT_FIRST =
      """
      INSERT INTO campaign_sequence_executions
             (workspace_id, campaign_id, enrollment_id, step_id, status, scheduled_at, created_at)
      SELECT ?, ?, x.enrollment_id, ?, ?, x.at, ?
        FROM unnest(?::bigint[], ?::timestamptz[]) AS x(enrollment_id, at)
      """;

  private static final String HOLD_ENROLLMENT =
      """
      UPDATE campaign_sequence_executions
         SET status = 'paused', locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE enrollment_id = ? AND status IN ('pending', 'running')
      """;

  private static final String CANCEL_ENROLLMENT =
      """
      UPDATE campaign_sequence_executions
         SET status = 'cancelled', locked_by = NULL, locked_until = NULL, version = version + 1,
             last_error = ?
       WHERE enrollment_id = ? AND status IN ('pending', 'running', 'paused', 'dead')
      """;

  /**
   * Pausing holds live work; running executions lose their lease (fenced by the version bump). The
   * rows are locked in id order, as a send's hand-over share-locks them, so the two never deadlock:
   * a hand-over either commits first (its send goes out) or finds the execution paused.
   */
  private static final String HOLD_CAMPAIGN =
      """
      UPDATE campaign_sequence_executions
         SET status = 'paused', locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE enrollment_id IN (SELECT enrollment_id FROM campaign_sequence_executions
                     WHERE campaign_id = ? AND status IN ('pending', 'running')
                     ORDER BY enrollment_id FOR UPDATE)
      """;

  private static final String CANCEL_CAMPAIGN =
      """
      UPDATE campaign_sequence_executions
         SET status = 'cancelled', locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE enrollment_id IN (SELECT enrollment_id FROM campaign_sequence_executions
                     WHERE campaign_id = ? AND status IN ('pending', 'running', 'paused')
                     ORDER BY enrollment_id FOR UPDATE)
      """;

  /** Parked, not failed: released by {@link HeldWork} when the credentials are updated. */
  private static final String HOLD_MAILBOX =
      """
      UPDATE campaign_sequence_executions e
         SET status = 'paused', version = e.version + 1, last_error = 'mailbox disconnected'
        FROM campaign_sequence_leads l
       WHERE l.id = e.enrollment_id AND l.mailbox_id = ? AND e.status = 'pending'
      """;

  /** The one rule of {@link HeldWork}; each release adds which rows it is about. */
  private static final String RELEASE_HELD =
      """
      UPDATE campaign_sequence_executions e
         SET status = 'pending', version = e.version + 1
        FROM campaign_sequence_leads l
        JOIN campaign_sequences c ON c.id = l.campaign_id
        JOIN mailboxes m ON m.id = l.mailbox_id
       WHERE e.status = 'paused' AND l.id = e.enrollment_id
         AND l.status = 'active' AND c.status = 'active' AND m.status = 'connected'
      """;

  /** Revived as held, then released by the one rule (a paused campaign keeps holding it). */
  private static final String REVIVE =
      """
      UPDATE campaign_sequence_executions
         SET status = 'paused', attempts = 0, scheduled_at = ?, version = version + 1
       WHERE enrollment_id = ? AND id = ? AND status = 'dead'
      """;

  /** A task step's run, waiting for its task, is due now: the task was closed. */
  private static final String WAKE_TASK_RUN =
      """
      UPDATE campaign_sequence_executions
         SET scheduled_at = ?, version = version + 1
       WHERE enrollment_id = ? AND id = ? AND status IN ('pending', 'paused') AND scheduled_at > ?
      """;

  private static final String MOVE_TO_STEPS =
      """
      UPDATE campaign_sequence_executions e
         SET step_id = m.target, version = e.version + 1
        FROM unnest(?::bigint[], ?::bigint[]) AS m(from_step, target)
       WHERE e.campaign_id = ? AND e.step_id = m.from_step AND e.status IN ('pending', 'paused')
      """;

  private static final String CANCEL_ON_STEPS =
      """
      UPDATE campaign_sequence_executions
         SET status = 'cancelled', locked_by = NULL, locked_until = NULL, version = version + 1
       WHERE campaign_id = ? AND step_id = ANY(?) AND status IN ('pending', 'paused')
      RETURNING enrollment_id
      """;

  /** A provider's error often quotes the recipient ("550 5.1.1 <grace@…>: no such user"). */
  private static final String REDACT_ERRORS =
      "UPDATE campaign_sequence_executions SET last_error = NULL WHERE enrollment_id = ANY(?)";

  /**
   * Ended enrollments' execution rows (the index of ended rows, by workspace and executed_at);
   * skips rows another transaction holds.
   */
  private static final String PRUNE_ENDED =
      """
      WITH gone AS (
        DELETE FROM campaign_sequence_executions
         WHERE id IN (SELECT id FROM campaign_sequence_executions
                       WHERE workspace_id = ? AND executed_at < ?
                         AND status IN ('sent', 'completed', 'skipped', 'cancelled')
                       LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING campaign_id, step_id, status),
      folded AS (
        INSERT INTO campaign_step_rollups (campaign_id, step_id, status, slot, executions)
        SELECT campaign_id, step_id, status, 0, count(*) FROM gone GROUP BY 1, 2, 3
        ON CONFLICT (campaign_id, step_id, status, slot)
          DO UPDATE SET executions = campaign_step_rollups.executions + excluded.executions
        RETURNING 1)
      SELECT count(*) AS n FROM gone
      """;

  private static final String DELETE_WORKSPACE =
      "DELETE FROM campaign_sequence_executions WHERE workspace_id = ?";

  private ExecutionRows() {}

  // --- The engine's claim and lease (PostgresExecutionStore) ---

  /**
   * Leases claimed rows to {@code nodeId} until {@code leaseUntil}: {@code running}, version + 1
   * (the version the claim then carries). Lock order: the rows are already locked by the claim's
   * {@code SELECT … FOR UPDATE SKIP LOCKED} in this transaction; no enrollment is locked.
   */
  static int lease(Connection c, String nodeId, Instant leaseUntil, Long[] enrollmentIds)
      throws SQLException {
    return Sql.update(c, LEASE, nodeId, leaseUntil, enrollmentIds);
  }

  /**
   * The heartbeat: extends the leases {@code nodeId} holds on {@code inFlight} to {@code
   * leaseUntil}, without a version bump (it changes nothing a fence protects). Lock order: none
   * waited for; rows another transaction holds are skipped.
   */
  static int renewLeases(Connection c, Instant leaseUntil, Long[] inFlight, String nodeId)
      throws SQLException {
    return Sql.update(c, RENEW, leaseUntil, inFlight, nodeId);
  }

  /**
   * Returns expired leases of any node to {@code pending}, version + 1, so the late node's
   * hand-over and completion lose their race. Lock order: none waited for (SKIP LOCKED).
   */
  static int reapExpired(Connection c, Instant now) throws SQLException {
    return Sql.update(c, REAP, now);
  }

  /**
   * Returns every lease {@code nodeId} holds to {@code pending} (a graceful stop), version + 1.
   * Lock order: none waited for (SKIP LOCKED).
   */
  static int releaseLeases(Connection c, String nodeId) throws SQLException {
    return Sql.update(c, RELEASE_LEASES, nodeId);
  }

  // --- Completions ---

  /**
   * One row's move at completion, by column.
   *
   * @param enrollmentId the row
   * @param version the version the claim carries: the fence
   * @param status the state the row takes ({@code pending} for a move to {@code nextStep})
   * @param nextStep the next step's id: the row becomes that step's new run (fresh id, no attempts,
   *     no error, no send); null: the run stays and ends, waits or is retried in {@code status}
   * @param scheduledAt when it is due; null keeps the row's
   * @param attempt added to the run's attempts (0 or 1), when it stays on its step
   * @param errorClass the run's error class (null clears it)
   * @param error the run's last error (null clears it)
   * @param sendId the send the run recorded; null keeps the row's
   */
  record Move(
      long enrollmentId,
      long version,
      String status,
      Long nextStep,
      Instant scheduledAt,
      int attempt,
      String errorClass,
      String error,
      Long sendId) {}

  /**
   * Moves each row whose version still matches, all at once: to its next step, or to the state its
   * run ended in; lease cleared, version + 1, {@code executed_at} set to {@code now} when the run
   * ended. Returns the enrollments whose rows moved: the others lost their race and are unchanged.
   * Lock order: a leased completion (email) locked the enrollments first; an inline one (wait,
   * condition) holds the rows since its claim and locked only the enrollments it ends, with SKIP
   * LOCKED (see {@link Completions}).
   */
  static Set<Long> move(Connection c, List<Move> moves, Instant now) throws SQLException {
    int n = moves.size();
    Long[] enrollment = new Long[n];
    Long[] version = new Long[n];
    String[] status = new String[n];
    Long[] nextStep = new Long[n];
    Instant[] scheduledAt = new Instant[n];
    Integer[] attempt = new Integer[n];
    String[] errorClass = new String[n];
    String[] error = new String[n];
    Long[] sendId = new Long[n];
    for (int i = 0; i < n; i++) {
      Move move = moves.get(i);
      enrollment[i] = move.enrollmentId();
      version[i] = move.version();
      status[i] = move.status();
      nextStep[i] = move.nextStep();
      scheduledAt[i] = move.scheduledAt();
      attempt[i] = move.attempt();
      errorClass[i] = move.errorClass();
      error[i] = move.error();
      sendId[i] = move.sendId();
    }
    Set<Long> moved = new HashSet<>();
    Sql.query(
        c,
        MOVE,
        rs -> moved.add(rs.getLong("enrollment_id")),
        now,
        now,
        enrollment,
        version,
        status,
        nextStep,
        scheduledAt,
        attempt,
        errorClass,
        error,
        sendId);
    return moved;
  }

  // --- Enrollments ---

  /**
   * The first row of each new enrollment, on {@code firstStepId}, {@code status} ({@code pending},
   * or {@code paused} in a campaign not active) and due at its {@code at}. Lock order: the
   * enrollments were inserted by this transaction; nobody else sees them yet.
   */
  static int insertFirst(
      Connection c,
      long workspaceId,
      long campaignId,
      long firstStepId,
      String status,
      Instant now,
      Long[] enrollmentIds,
      Instant[] at)
      throws SQLException {
    return Sql.update(
        c, INSERT_FIRST, workspaceId, campaignId, firstStepId, status, now, enrollmentIds, at);
  }

  /**
   * The enrollment was paused: its live row is held ({@code paused}), a lease it had is revoked,
   * version + 1. Lock order: the enrollment is locked first ({@link EnrollmentMoves}).
   */
  static int holdEnrollment(Connection c, long enrollmentId) throws SQLException {
    return Sql.update(c, HOLD_ENROLLMENT, enrollmentId);
  }

  /**
   * The enrollment ended (stopped, replied, bounced...): its row, live or dead, is {@code
   * cancelled} with {@code reason} as its last error, version + 1. Lock order: the enrollment is
   * locked first ({@link EnrollmentMoves}).
   */
  static int cancelEnrollment(Connection c, long enrollmentId, String reason) throws SQLException {
    return Sql.update(c, CANCEL_ENROLLMENT, reason, enrollmentId);
  }

  /**
   * The enrollment's execution becomes a re-send of its bounced step {@code stepId}: a new run
   * (fresh id) numbered {@code resend}, due at {@code at}, in {@code status} ({@code pending}, or
   * {@code paused} if its work is held); version + 1; inserted if the enrollment has no row. Lock
   * order: the enrollment, then this row ({@code FOR UPDATE}), are locked first ({@link
   * BounceResends}).
   */
  static int scheduleResend(
      Connection c,
      long workspaceId,
      long campaignId,
      long enrollmentId,
      long stepId,
      String status,
      Instant at,
      int resend,
      Instant now)
      throws SQLException {
    return Sql.update(
        c, RESEND, workspaceId, campaignId, enrollmentId, stepId, status, at, resend, now);
  }

  /**
   * A dead-lettered run ({@code executionId}) is retried: held ({@code paused}) with no attempts,
   * due at {@code now}, version + 1; {@link HeldWork} then releases it if nothing holds it. Lock
   * order: the enrollment is locked first ({@link PostgresDeadLetterStore}).
   */
  static int reviveDead(Connection c, long enrollmentId, long executionId, Instant now)
      throws SQLException {
    return Sql.update(c, REVIVE, now, enrollmentId, executionId);
  }

  /**
   * A task was closed: its run ({@code executionId}), if still waiting on the task's step, is due
   * at {@code now}, version + 1, so the engine moves the sequence on; a held run stays held and is
   * due at once when released. Lock order: the enrollment and then this row are locked first
   * ({@link PostgresTaskStore}).
   */
  static int wakeTaskRun(Connection c, long enrollmentId, long executionId, Instant now)
      throws SQLException {
    return Sql.update(c, WAKE_TASK_RUN, now, enrollmentId, executionId, now);
  }

  /**
   * A person's erasure: the rows' last errors (which may quote the address) are cleared, without a
   * version bump (no state a claim depends on changes). Lock order: the enrollments are locked
   * first ({@link PersonData}).
   */
  static int redactErrors(Connection c, Long[] enrollmentIds) throws SQLException {
    return Sql.update(c, REDACT_ERRORS, (Object) enrollmentIds);
  }

  // --- Campaigns ---

  /**
   * The campaign was paused: its pending and running rows are held, leases revoked, version + 1.
   * Lock order: the rows, in enrollment order, without locking enrollments (as a hand-over
   * share-locks them); the campaign's row was updated first.
   */
  static int holdCampaign(Connection c, long campaignId) throws SQLException {
    return Sql.update(c, HOLD_CAMPAIGN, campaignId);
  }

  /**
   * The campaign was archived: its live rows are {@code cancelled}, leases revoked, version + 1.
   * Lock order: its enrollments were stopped (so locked) first, then the rows in enrollment order.
   */
  static int cancelCampaign(Connection c, long campaignId) throws SQLException {
    return Sql.update(c, CANCEL_CAMPAIGN, campaignId);
  }

  /**
   * A campaign edit: the waiting ({@code pending}, {@code paused}) rows on each step {@code
   * from[i]} move to step {@code to[i]} of the current version, version + 1; running rows stay.
   * Lock order: the campaign's enrollments are locked first ({@link VersionMoves}).
   */
  static int moveToSteps(Connection c, Long[] from, Long[] to, long campaignId)
      throws SQLException {
    return Sql.update(c, MOVE_TO_STEPS, from, to, campaignId);
  }

  /**
   * A campaign edit removed {@code steps} with nothing after them: their waiting rows are {@code
   * cancelled}, version + 1. Returns the enrollments whose rows ended. Lock order: the campaign's
   * enrollments are locked first ({@link VersionMoves}).
   */
  static List<Long> cancelOnSteps(Connection c, long campaignId, Long[] steps) throws SQLException {
    return Sql.query(c, CANCEL_ON_STEPS, rs -> rs.getLong("enrollment_id"), campaignId, steps);
  }

  // --- Mailboxes and held work ---

  /**
   * The mailbox's credentials were refused: the pending rows of its enrollments are held ({@code
   * paused}, "mailbox disconnected"), version + 1; running ones are left to their claims. Lock
   * order: the mailbox row was updated first; no enrollment is locked.
   */
  static int holdMailbox(Connection c, long mailboxId) throws SQLException {
    return Sql.update(c, HOLD_MAILBOX, mailboxId);
  }

  /**
   * Held rows of the campaign whose enrollment, campaign and mailbox are all active again become
   * {@code pending}, version + 1. Lock order: the campaign's row was updated (activated) first.
   */
  static int releaseHeldForCampaign(Connection c, long campaignId) throws SQLException {
    return Sql.update(c, RELEASE_HELD + " AND e.campaign_id = ?", campaignId);
  }

  /**
   * The enrollment's held row, if nothing holds it any more, becomes {@code pending}, version + 1.
   * Lock order: the enrollment is locked first ({@link EnrollmentMoves}, {@link
   * PostgresDeadLetterStore}).
   */
  static int releaseHeldForEnrollment(Connection c, long enrollmentId) throws SQLException {
    return Sql.update(c, RELEASE_HELD + " AND e.enrollment_id = ?", enrollmentId);
  }

  /**
   * Held rows of the mailbox's enrollments, if nothing else holds them, become {@code pending},
   * version + 1. Lock order: the mailbox's row was updated (new credentials) first.
   */
  static int releaseHeldForMailbox(Connection c, long mailboxId) throws SQLException {
    return Sql.update(c, RELEASE_HELD + " AND l.mailbox_id = ?", mailboxId);
  }

  // --- Retention ---

  /**
   * Deletes up to {@code limit} rows of the workspace's ended enrollments that ended before {@code
   * before}, folding their counts into the rollups (slot 0) in the same statement; returns how
   * many. Lock order: none waited for (SKIP LOCKED); rows of live enrollments are never touched.
   */
  static int pruneEnded(Connection c, long workspaceId, Instant before, int limit)
      throws SQLException {
    return Sql.queryOne(c, PRUNE_ENDED, rs -> rs.getInt("n"), workspaceId, before, limit).orElse(0);
  }

  // --- Deleting a workspace (PostgresOwnWorkspaceStore) ---

  /**
   * Deletes every execution row of a workspace that is being deleted, in that deletion's
   * transaction. Lock order: after the workspace row; it waits for rows a claim holds (a batch
   * commits in milliseconds), and a claim that comes after finds nothing.
   */
  static int deleteWorkspace(Connection c, long workspaceId) throws SQLException {
    return Sql.update(c, DELETE_WORKSPACE, workspaceId);
  }
}
