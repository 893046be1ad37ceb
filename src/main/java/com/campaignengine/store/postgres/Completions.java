package com.campaignengine.store.postgres;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.store.ClaimedExecution;
import com.campaignengine.store.Completion;
import com.campaignengine.store.Completion.Advanced;
import com.campaignengine.store.Completion.Cancelled;
import com.campaignengine.store.Completion.DeadLettered;
import com.campaignengine.store.Completion.Rescheduled;
import com.campaignengine.store.SendUpdate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a batch of completions in the caller's transaction: provider outcomes, the fenced move of
 * each enrollment's one execution row (to its next step, or to the state its run ended in: {@link
 * ExecutionRows#move}), the step log, the rollups, and the enrollment's status where it changes.
 *
 * <p>Two lock orders, each deadlock-free against the stops (which lock enrollments, then
 * executions): a leased completion (an email step, run outside any transaction) locks its
 * enrollments first, as the stops do; an inline completion (a wait or condition step, run inside
 * the claim's transaction) already holds its execution rows, so it never waits for an enrollment:
 * it takes only those it must write, with SKIP LOCKED, and leaves the others due for the next turn.
 */
final class Completions {

  private static final String RECORD_SENDS =
      """
      UPDATE email_sends s
         SET status = x.status,
             provider_message_id = coalesce(x.provider_message_id, s.provider_message_id),
             provider_thread_id = coalesce(x.provider_thread_id, s.provider_thread_id),
             error = x.error,
             sent_at = CASE WHEN x.status = 'sent' THEN ?::timestamptz ELSE s.sent_at END
        FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
             AS x(id, status, provider_message_id, provider_thread_id, error)
       WHERE s.id = x.id
      """;

  /** What ran: one row per finished step run, appended. */
  private static final String LOG =
      """
      INSERT INTO campaign_step_log
             (executed_at, workspace_id, campaign_id, enrollment_id, execution_id, step_id, status,
              attempts)
      SELECT ?, x.workspace_id, x.campaign_id, x.enrollment_id, x.execution_id, x.step_id,
             x.status, x.attempts
        FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[],
                    ?::int[])
             AS x(workspace_id, campaign_id, enrollment_id, execution_id, step_id, status, attempts)
      """;

  /** Runs that moved on leave the row; their count goes to this worker's slot, once per batch. */
  private static final String ROLL_UP =
      """
      INSERT INTO campaign_step_rollups AS r (campaign_id, step_id, status, slot, executions)
      SELECT x.campaign_id, x.step_id, x.status, ?, x.n
        FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[]) AS x(campaign_id, step_id, status, n)
      ON CONFLICT (campaign_id, step_id, status, slot)
        DO UPDATE SET executions = r.executions + excluded.executions
      """;

  /** Only a change of status is written: a step that moves on leaves the enrollment alone. */
  private static final String END_ENROLLMENTS =
      """
      UPDATE campaign_sequence_leads l
         SET status = x.status, current_step_id = x.step_id, updated_at = ?,
             finished_at = CASE WHEN x.status IN ('completed', 'bounced', 'unsubscribed', 'stopped')
                                THEN ?::timestamptz ELSE l.finished_at END
        FROM unnest(?::bigint[], ?::text[], ?::bigint[]) AS x(id, status, step_id)
       WHERE l.id = x.id AND l.status = 'active'
      """;

  private static final String LOCK_FREE_ENROLLMENTS =
      """
      SELECT id FROM campaign_sequence_leads WHERE id = ANY(?) ORDER BY id FOR UPDATE SKIP LOCKED
      """;

  /** Rollup slots: a worker's slot is its thread's, offset per process, so workers rarely share. */
  private static final int SLOTS = 256;

  private final int slotBase = java.util.concurrent.ThreadLocalRandom.current().nextInt(SLOTS);

  private int slot() {
    return (int) ((slotBase + Thread.currentThread().getId()) % SLOTS);
  }

  /** What a batch did: the completions that won their version race, and whether to wake workers. */
  record Applied(List<Completion> won, boolean dueSoon) {}

  /**
   * Completions of leased runs (email steps): enrollments locked first, then each row moved if its
   * version still matches the claim.
   */
  Applied applyLeased(Connection c, List<Completion> batch, Instant now, Instant wakeBefore)
      throws SQLException {
    Set<Long> active =
        EnrollmentMoves.lockActive(
            c, batch.stream().map(x -> x.execution().enrollmentId()).toList());
    recordOutcomes(c, batch, now);
    List<Completion> applicable = new ArrayList<>(batch.size());
    for (Completion completion : batch) {
      // The enrollment ended meanwhile: the run is recorded as it ended, and nothing comes next.
      if (completion instanceof Advanced advanced
          && advanced.nextStepId() != null
          && !active.contains(advanced.execution().enrollmentId())) {
        applicable.add(
            new Advanced(
                advanced.execution(),
                advanced.status(),
                null,
                advanced.nextAt(),
                advanced.emailSendId(),
                advanced.send()));
      } else {
        applicable.add(completion);
      }
    }
    return apply(c, applicable, active, now, wakeBefore);
  }

  /**
   * Completions of runs whose rows this transaction holds (wait and condition steps). Those that
   * end their enrollment need its row too; one another transaction holds (a stop, a reply) is left
   * untouched, due as it was, and that transaction decides.
   */
  Applied applyInline(Connection c, List<Completion> batch, Instant now, Instant wakeBefore)
      throws SQLException {
    List<Long> ending = new ArrayList<>();
    for (Completion completion : batch) {
      if (endsEnrollment(completion)) {
        ending.add(completion.execution().enrollmentId());
      }
    }
    Set<Long> free =
        ending.isEmpty()
            ? Set.of()
            : new HashSet<>(
                Sql.query(
                    c, LOCK_FREE_ENROLLMENTS, rs -> rs.getLong("id"), (Object) Sql.longs(ending)));
    List<Completion> applicable = new ArrayList<>(batch.size());
    Set<Long> writable = new HashSet<>();
    for (Completion completion : batch) {
      long enrollmentId = completion.execution().enrollmentId();
      if (!endsEnrollment(completion)) {
        applicable.add(completion);
      } else if (free.contains(enrollmentId)) {
        applicable.add(completion);
        writable.add(enrollmentId);
      }
    }
    return apply(c, applicable, writable, now, wakeBefore);
  }

  private Applied apply(
      Connection c, List<Completion> batch, Set<Long> writable, Instant now, Instant wakeBefore)
      throws SQLException {
    if (batch.isEmpty()) {
      return new Applied(List.of(), false);
    }
    Set<Long> movedRows = moveExecutions(c, batch, now);
    List<Completion> won = new ArrayList<>(movedRows.size());
    for (Completion completion : batch) {
      if (movedRows.contains(completion.execution().enrollmentId())) {
        won.add(completion);
      }
    }
    log(c, won, now);
    TaskRows.apply(c, won, now);
    rollUp(c, won);
    endEnrollments(c, won, writable, now);
    boolean dueSoon = wakeBefore != null && schedulesBefore(won, wakeBefore);
    if (dueSoon) {
      PostgresWakeups.notifyDue(c);
    }
    return new Applied(won, dueSoon);
  }

  private static boolean endsEnrollment(Completion completion) {
    return (completion instanceof Advanced advanced && advanced.nextStepId() == null)
        || completion instanceof Completion.Ended
        || completion instanceof DeadLettered;
  }

  private static void recordOutcomes(Connection c, List<Completion> batch, Instant now)
      throws SQLException {
    List<SendUpdate> updates = new ArrayList<>();
    for (Completion completion : batch) {
      if (completion.send() != null) {
        updates.add(completion.send());
      }
    }
    recordSends(c, updates, now);
  }

  /** Provider answers, recorded whatever happens to the executions' leases. */
  static void recordSends(Connection c, List<SendUpdate> updates, Instant now) throws SQLException {
    if (updates.isEmpty()) {
      return;
    }
    Sql.update(
        c,
        RECORD_SENDS,
        now,
        updates.stream().map(SendUpdate::sendId).toArray(Long[]::new),
        updates.stream().map(SendUpdate::status).toArray(String[]::new),
        updates.stream().map(SendUpdate::providerMessageId).toArray(String[]::new),
        updates.stream().map(SendUpdate::providerThreadId).toArray(String[]::new),
        updates.stream().map(SendUpdate::error).toArray(String[]::new));
  }

  /** The status a run ends in (for a move to the next step: the one it is counted under). */
  static ExecutionStatus endStatus(Completion completion) {
    if (completion instanceof Advanced advanced) {
      return advanced.status();
    } else if (completion instanceof Rescheduled) {
      return ExecutionStatus.PENDING;
    } else if (completion instanceof DeadLettered) {
      return ExecutionStatus.DEAD;
    } else if (completion instanceof Completion.Held) {
      return ExecutionStatus.PAUSED;
    }
    return ExecutionStatus.CANCELLED;
  }

  /** Each completion as the move of its row (see {@link ExecutionRows#move}). */
  private static Set<Long> moveExecutions(Connection c, List<Completion> batch, Instant now)
      throws SQLException {
    List<ExecutionRows.Move> moves = new ArrayList<>(batch.size());
    for (Completion completion : batch) {
      moves.add(moveOf(completion));
    }
    return ExecutionRows.move(c, moves, now);
  }

  private static ExecutionRows.Move moveOf(Completion completion) {
    ClaimedExecution execution = completion.execution();
    String status = endStatus(completion).wireName();
    Long nextStep = null;
    Instant scheduledAt = null;
    int attempt = 0;
    String errorClass = null;
    String error = null;
    Long sendId = null;
    if (completion instanceof Advanced advanced) {
      sendId = advanced.emailSendId();
      if (advanced.nextStepId() != null) {
        nextStep = advanced.nextStepId();
        scheduledAt = advanced.nextAt();
        status = ExecutionStatus.PENDING.wireName();
      }
    } else if (completion instanceof Rescheduled rescheduled) {
      scheduledAt = rescheduled.at();
      attempt = rescheduled.attempt() ? 1 : 0;
      errorClass = rescheduled.errorClass();
      error = rescheduled.error();
    } else if (completion instanceof DeadLettered dead) {
      attempt = 1;
      errorClass = dead.errorClass();
      error = dead.error();
    } else if (completion instanceof Completion.Ended ended) {
      error = ended.reason();
    } else if (completion instanceof Completion.Held held) {
      error = held.reason();
    } else {
      error = ((Cancelled) completion).reason();
    }
    return new ExecutionRows.Move(
        execution.enrollmentId(),
        execution.version(),
        status,
        nextStep,
        scheduledAt,
        attempt,
        errorClass,
        error,
        sendId);
  }

  /** A run that finished (moved on, or ended) is logged; one retried or held goes on. */
  private static boolean finished(Completion completion) {
    return !(completion instanceof Rescheduled) && !(completion instanceof Completion.Held);
  }

  private static void log(Connection c, List<Completion> won, Instant now) throws SQLException {
    List<Completion> done = won.stream().filter(Completions::finished).toList();
    if (done.isEmpty()) {
      return;
    }
    Sql.update(
        c,
        LOG,
        now,
        done.stream().map(x -> x.execution().workspaceId()).toArray(Long[]::new),
        done.stream().map(x -> x.execution().campaignId()).toArray(Long[]::new),
        done.stream().map(x -> x.execution().enrollmentId()).toArray(Long[]::new),
        done.stream().map(x -> x.execution().id()).toArray(Long[]::new),
        done.stream().map(x -> x.execution().stepId()).toArray(Long[]::new),
        done.stream().map(x -> endStatus(x).wireName()).toArray(String[]::new),
        done.stream().map(Completions::attemptsAfter).toArray(Integer[]::new));
  }

  private static int attemptsAfter(Completion completion) {
    return completion.execution().attempts() + (completion instanceof DeadLettered ? 1 : 0);
  }

  private record Key(long campaignId, long stepId, String status) {}

  private void rollUp(Connection c, List<Completion> won) throws SQLException {
    Map<Key, Long> counts = new HashMap<>();
    for (Completion completion : won) {
      if (completion instanceof Advanced advanced && advanced.nextStepId() != null) {
        ClaimedExecution execution = completion.execution();
        counts.merge(
            new Key(execution.campaignId(), execution.stepId(), advanced.status().wireName()),
            1L,
            Long::sum);
      }
    }
    if (counts.isEmpty()) {
      return;
    }
    List<Key> keys = new ArrayList<>(counts.keySet());
    Sql.update(
        c,
        ROLL_UP,
        slot(),
        keys.stream().map(Key::campaignId).toArray(Long[]::new),
        keys.stream().map(Key::stepId).toArray(Long[]::new),
        keys.stream().map(Key::status).toArray(String[]::new),
        keys.stream().map(counts::get).toArray(Long[]::new));
  }

  private static void endEnrollments(
      Connection c, List<Completion> won, Set<Long> writable, Instant now) throws SQLException {
    List<Long> ids = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<Long> steps = new ArrayList<>();
    for (Completion completion : won) {
      long enrollmentId = completion.execution().enrollmentId();
      if (!writable.contains(enrollmentId)) {
        continue;
      }
      String status = null;
      if (completion instanceof Advanced advanced && advanced.nextStepId() == null) {
        status = "completed";
      } else if (completion instanceof Completion.Ended ended) {
        status = ended.ending();
      } else if (completion instanceof DeadLettered) {
        status = "failed";
      }
      if (status != null) {
        ids.add(enrollmentId);
        statuses.add(status);
        steps.add(completion.execution().stepId());
      }
    }
    if (!ids.isEmpty()) {
      Sql.update(
          c,
          END_ENROLLMENTS,
          now,
          now,
          ids.toArray(Long[]::new),
          statuses.toArray(String[]::new),
          steps.toArray(Long[]::new));
    }
  }

  private static boolean schedulesBefore(List<Completion> won, Instant wakeBefore) {
    for (Completion completion : won) {
      Instant at =
          completion instanceof Advanced advanced && advanced.nextStepId() != null
              ? advanced.nextAt()
              : completion instanceof Rescheduled rescheduled ? rescheduled.at() : null;
      if (at != null && at.isBefore(wakeBefore)) {
        return true;
      }
    }
    return false;
  }
}
