package com.campaignengine.store.postgres;

import com.campaignengine.campaign.EnrollmentStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moves enrollments through their lifecycle in the caller's transaction, with the effect on their
 * live execution (held, released, cancelled). Enrollment rows are locked first, in id order — the
 * order every writer uses — so moves never deadlock with completions or sends.
 */
final class EnrollmentMoves {

  private static final String LOCK =
      "SELECT id, status FROM campaign_sequence_leads WHERE id = ANY(?) ORDER BY id FOR UPDATE";

  private static final String SHARE_LOCK =
      "SELECT id, status FROM campaign_sequence_leads WHERE id = ANY(?) ORDER BY id FOR SHARE";

  /**
   * A status change also records the step the enrollment is at, which only its execution knows
   * while it runs (steps that move on do not write the enrollment).
   */
  private static final String MOVE =
      """
      UPDATE campaign_sequence_leads l
         SET status = ?, stop_reason = coalesce(?, stop_reason), updated_at = ?, resume_at = ?,
             current_step_id = coalesce((SELECT e.step_id FROM campaign_sequence_executions e
                                    WHERE e.enrollment_id = l.id), current_step_id),
             finished_at = CASE WHEN ? THEN ?::timestamptz ELSE l.finished_at END
       WHERE l.id = ?
      """;

  private EnrollmentMoves() {}

  /** Locks the enrollments (id order); returns their current statuses. */
  static List<long[]> lock(Connection c, Collection<Long> enrollmentIds) throws SQLException {
    return Sql.query(
        c, LOCK, rs -> new long[] {rs.getLong("id")}, (Object) Sql.longs(enrollmentIds));
  }

  /**
   * Locks the enrollments (id order) for update, as a completion that may move them does; returns
   * the ids of the active ones.
   */
  static Set<Long> lockActive(Connection c, List<Long> enrollmentIds) throws SQLException {
    return active(c, LOCK, enrollmentIds);
  }

  /**
   * Share-locks the enrollments (id order), enough to keep them from moving while sends are
   * prepared; returns the ids of the active ones.
   */
  static Set<Long> shareLockActive(Connection c, List<Long> enrollmentIds) throws SQLException {
    return active(c, SHARE_LOCK, enrollmentIds);
  }

  private static Set<Long> active(Connection c, String lock, List<Long> enrollmentIds)
      throws SQLException {
    Set<Long> active = new HashSet<>();
    Sql.query(
        c,
        lock,
        rs -> "active".equals(rs.getString("status")) && active.add(rs.getLong("id")),
        (Object) Sql.longs(enrollmentIds));
    return active;
  }

  /**
   * Moves one (already locked, or locked here) enrollment; false if the transition is not allowed
   * from its current status. {@code resumeAt} applies to PAUSED only.
   */
  static boolean move(
      Connection c,
      long enrollmentId,
      EnrollmentStatus to,
      String reason,
      Instant resumeAt,
      Instant now)
      throws SQLException {
    Optional<String> current =
        Sql.queryOne(c, LOCK, rs -> rs.getString("status"), (Object) new Long[] {enrollmentId});
    if (current.isEmpty() || !EnrollmentStatus.fromWire(current.get()).canMoveTo(to)) {
      return false;
    }
    boolean finished = to.isFinished();
    Sql.update(
        c,
        MOVE,
        to.wireName(),
        reason,
        now,
        to == EnrollmentStatus.PAUSED ? resumeAt : null,
        finished,
        now,
        enrollmentId);
    if (to == EnrollmentStatus.PAUSED) {
      ExecutionRows.holdEnrollment(c, enrollmentId);
    } else if (to == EnrollmentStatus.ACTIVE) {
      HeldWork.releaseForEnrollment(c, enrollmentId);
    } else if (finished) {
      ExecutionRows.cancelEnrollment(c, enrollmentId, "enrollment " + to.wireName());
    }
    return true;
  }

  /** Moves each of the enrollments, locking all of them first; returns those that moved. */
  static List<Long> moveAll(
      Connection c, Collection<Long> enrollmentIds, EnrollmentStatus to, String reason, Instant now)
      throws SQLException {
    lock(c, enrollmentIds);
    List<Long> moved = new ArrayList<>();
    for (long id : enrollmentIds) {
      if (move(c, id, to, reason, null, now)) {
        moved.add(id);
      }
    }
    return moved;
  }
}
