package com.campaignengine.store.postgres;

import com.campaignengine.readmodel.DeadExecution;
import com.campaignengine.readmodel.Page;
import com.campaignengine.store.DeadLetterStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The dead-letter queue: list and retry. */
public final class PostgresDeadLetterStore implements DeadLetterStore {

  private static final String SELECT =
      """
      SELECT e.id, e.campaign_id, e.enrollment_id, s.step_key, e.attempts, e.error_class,
             e.last_error, e.executed_at
        FROM campaign_sequence_executions e
        JOIN campaign_sequence_steps s ON s.id = e.step_id
       WHERE e.workspace_id = ? AND e.status = 'dead'
      """;

  /** Revived as held, then released by the one rule (a paused campaign keeps holding it). */
  /** Lock the enrollment first (the order every writer uses), then revive both. */
  private static final String LOCK_ENROLLMENT =
      """
      SELECT l.id, l.status FROM campaign_sequence_leads l
        JOIN campaign_sequence_executions e ON e.enrollment_id = l.id
       WHERE e.workspace_id = ? AND e.id = ? AND e.status = 'dead'
         FOR UPDATE OF l
      """;

  private static final String REVIVE_ENROLLMENT =
      """
      UPDATE campaign_sequence_leads SET status = 'active', updated_at = ?
       WHERE id = ? AND status = 'failed'
      """;

  private final Database database;

  public PostgresDeadLetterStore(Database database) {
    this.database = database;
  }

  @Override
  public Page<DeadExecution> list(long workspaceId, Long campaignId, long afterId, int limit) {
    List<DeadExecution> rows =
        database.withConnection(
            c ->
                Sql.query(
                    c,
                    SELECT
                        + " AND (?::bigint IS NULL OR e.campaign_id = ?) AND e.id > ? ORDER BY e.id LIMIT ?",
                    PostgresDeadLetterStore::map,
                    workspaceId,
                    campaignId,
                    campaignId,
                    afterId,
                    limit + 1));
    return Pages.of(rows, limit, DeadExecution::id);
  }

  @Override
  public Optional<DeadExecution> find(long workspaceId, long executionId) {
    return database.withConnection(
        c ->
            Sql.queryOne(
                c,
                SELECT + " AND e.id = ?",
                PostgresDeadLetterStore::map,
                workspaceId,
                executionId));
  }

  @Override
  public boolean retry(long workspaceId, long executionId, Instant now) {
    return database.inTransaction(
        c -> {
          Optional<Object[]> enrollment =
              Sql.queryOne(
                  c,
                  LOCK_ENROLLMENT,
                  rs -> new Object[] {rs.getLong("id"), rs.getString("status")},
                  workspaceId,
                  executionId);
          if (enrollment.isEmpty()) {
            return false;
          }
          String status = (String) enrollment.get()[1];
          if (!status.equals("failed") && !status.equals("active")) {
            return false; // the enrollment ended meanwhile: a stop still holds
          }
          Sql.update(c, REVIVE_ENROLLMENT, now, enrollment.get()[0]);
          ExecutionRows.reviveDead(c, (Long) enrollment.get()[0], executionId, now);
          HeldWork.releaseForEnrollment(c, (Long) enrollment.get()[0]);
          return true;
        });
  }

  private static DeadExecution map(ResultSet rs) throws SQLException {
    return new DeadExecution(
        rs.getLong("id"),
        rs.getLong("campaign_id"),
        rs.getLong("enrollment_id"),
        rs.getString("step_key"),
        rs.getInt("attempts"),
        rs.getString("error_class"),
        rs.getString("last_error"),
        Sql.instant(rs, "executed_at"));
  }
}
