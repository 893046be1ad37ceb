package com.campaignengine.store.postgres;

import com.campaignengine.store.RetentionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Retention in batches: each batch deletes and folds its counts into the rollups atomically. */
public final class PostgresRetentionStore implements RetentionStore {

  private static final String WORKSPACES =
      """
      SELECT w.id, s.retention_days
        FROM workspaces w LEFT JOIN workspace_settings s ON s.workspace_id = w.id
       ORDER BY w.id
      """;

  private static final String RETENTION_DAYS =
      "SELECT retention_days FROM workspace_settings WHERE workspace_id = ?";

  private static final String SET_RETENTION_DAYS =
      """
      INSERT INTO workspace_settings (workspace_id, retention_days, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (workspace_id)
        DO UPDATE SET retention_days = excluded.retention_days, updated_at = excluded.updated_at
      """;

  /** The step log's old rows: its counts are in the rollups and the executions already. */
  private static final String PRUNE_STEP_LOG =
      """
      DELETE FROM campaign_step_log
       WHERE ctid = ANY (ARRAY(SELECT ctid FROM campaign_step_log
                                WHERE executed_at < ? AND workspace_id = ? LIMIT ?))
      """;

  private static final String PRUNE_ENGINE_EVENTS =
      "DELETE FROM engine_events WHERE workspace_id = ? AND created_at < ?";

  private static final String PRUNE_ALERTS =
      "DELETE FROM alerts WHERE workspace_id = ? AND status = 'resolved' AND resolved_at < ?";

  /** The audit log keeps what the workspace keeps (issue 16). */
  private static final String PRUNE_AUDIT =
      "DELETE FROM audit_log WHERE workspace_id = ? AND occurred_at < ?";

  /** The events of the host application and the ATSs, with what they did (issue 18): the same. */
  private static final String PRUNE_TRIGGER_EVENTS =
      "DELETE FROM events WHERE workspace_id = ? AND received_at < ?";

  private final Database database;

  public PostgresRetentionStore(Database database) {
    this.database = database;
  }

  @Override
  public List<WorkspaceRetention> workspaces() {
    return database.withConnection(
        c ->
            Sql.query(
                c,
                WORKSPACES,
                rs -> new WorkspaceRetention(rs.getLong("id"), nullableInt(rs, "retention_days"))));
  }

  @Override
  public Integer retentionDays(long workspaceId) {
    return database.withConnection(
        c ->
            Sql.queryOne(c, RETENTION_DAYS, rs -> nullableInt(rs, "retention_days"), workspaceId)
                .orElse(null));
  }

  @Override
  public void setRetentionDays(long workspaceId, Integer days, Instant now) {
    database.withConnection(c -> Sql.update(c, SET_RETENTION_DAYS, workspaceId, days, now));
  }

  private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  @Override
  public int pruneExecutions(long workspaceId, Instant before, int limit) {
    return database.inTransaction(
        c -> {
          Sql.update(c, PRUNE_STEP_LOG, before, workspaceId, limit);
          return ExecutionRows.pruneEnded(c, workspaceId, before, limit);
        });
  }

  private static final List<String> EXPIRED =
      List.of(
          "DELETE FROM oidc_login_states WHERE expires_at <= ?",
          "DELETE FROM mailbox_connect_states WHERE expires_at <= ?",
          "DELETE FROM dashboard_sessions WHERE expires_at <= ?",
          "DELETE FROM login_failures WHERE failed_at <= ?::timestamptz - interval '1 day'",
          "DELETE FROM signed_deliveries_seen WHERE seen_at <= ?::timestamptz - interval '8 days'");

  @Override
  public int pruneExpired(Instant now) {
    return database.inTransaction(
        c -> {
          int deleted = 0;
          for (String statement : EXPIRED) {
            deleted += Sql.update(c, statement, now);
          }
          return deleted;
        });
  }

  @Override
  public int pruneEvents(long workspaceId, Instant before) {
    return database.inTransaction(
        c ->
            Sql.update(c, PRUNE_ENGINE_EVENTS, workspaceId, before)
                + Sql.update(c, PRUNE_ALERTS, workspaceId, before)
                + SeenMessages.prune(c, workspaceId, before)
                + Sql.update(c, PRUNE_AUDIT, workspaceId, before)
                + Sql.update(c, PRUNE_TRIGGER_EVENTS, workspaceId, before));
  }
}
