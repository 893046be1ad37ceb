package com.campaignengine.store.postgres;

import com.campaignengine.access.AuditScope;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.readmodel.WorkspaceView;
import com.campaignengine.store.OwnWorkspaceStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A workspace's own record, its ownership and its deletion, table by table. */
public final class PostgresOwnWorkspaceStore implements OwnWorkspaceStore {

  private static final String FIND = "SELECT id, name, created_at FROM workspaces WHERE id = ?";
  private static final String RENAME =
      "UPDATE workspaces SET name = ? WHERE id = ? RETURNING id, name, created_at";
  private static final String PROMOTE =
      "UPDATE users SET role = 'owner', updated_at = ? WHERE workspace_id = ? AND id = ?";
  private static final String DEMOTE =
      """
      UPDATE users SET role = 'admin', updated_at = ?
       WHERE workspace_id = ? AND id = ? AND role = 'owner'
      """;
  private static final String LOCK = "SELECT id FROM workspaces WHERE id = ? FOR UPDATE";

  /** Rows that belong to the workspace through a campaign (they have no workspace_id). */
  private static final String BY_CAMPAIGN =
      "DELETE FROM %s WHERE campaign_id IN (SELECT id FROM campaign_sequences WHERE workspace_id = ?)";

  /** Rows that belong to the workspace through a mailbox. */
  private static final String BY_MAILBOX =
      "DELETE FROM %s WHERE mailbox_id IN (SELECT id FROM mailboxes WHERE workspace_id = ?)";

  private static final String BY_WORKSPACE = "DELETE FROM %s WHERE workspace_id = ?";

  /**
   * In an order that no foreign key objects to: what refers to a row goes before it. Tables keyed
   * by user, mailbox or session (invites, login failures, shares) go with their rows ({@code ON
   * DELETE CASCADE}). W: by workspace_id, C: through a campaign, M: through a mailbox, E: the
   * execution rows, through {@link ExecutionRows}. {@code ApiWorkspaceTest} checks that no table
   * keeps a row of a deleted workspace, so a new table must be added here.
   */
  private static final List<String> ORDER =
      List.of(
          "W webhook_deliveries",
          "W webhook_subscriptions",
          "W alerts",
          "W audit_log",
          "W events",
          "W event_rules",
          "W ats_settings",
          "W signed_deliveries_seen",
          "W engine_events",
          "W email_events",
          "W email_replies",
          "W campaign_tasks",
          "W email_bounces",
          "W reply_check_holds",
          "W campaign_step_log",
          "W email_sends",
          "E campaign_sequence_executions",
          "W campaign_sequence_leads",
          "C campaign_step_rollups",
          "C campaign_sequence_mailboxes",
          "C campaign_sequence_steps",
          "W campaign_sequences",
          "W suppressions",
          "W people",
          "W companies",
          "W personalization_budget",
          "M inbound_seen",
          "M inbound_checkpoints",
          "W mailbox_connect_states",
          "W mailboxes",
          "W dashboard_sessions",
          "W api_keys",
          "W users",
          "W workspace_holidays",
          "W workspace_settings");

  private final Database database;

  public PostgresOwnWorkspaceStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<WorkspaceView> find(long workspaceId) {
    return database.withConnection(
        c -> Sql.queryOne(c, FIND, PostgresOwnWorkspaceStore::view, workspaceId));
  }

  @Override
  public Optional<WorkspaceView> rename(long workspaceId, String name) {
    return database.inTransaction(
        c -> Sql.queryOne(c, RENAME, PostgresOwnWorkspaceStore::view, name, workspaceId));
  }

  @Override
  public void transferOwnership(long workspaceId, Long fromUserId, long toUserId, Instant now) {
    database.inTransaction(
        c -> {
          Sql.queryOne(c, LOCK, rs -> rs.getLong("id"), workspaceId);
          if (Sql.update(c, PROMOTE, now, workspaceId, toUserId) == 0) {
            // Thrown inside the transaction: it rolls back, lock included, and nothing is recorded.
            throw new NotFoundException("no user " + toUserId + " in this workspace");
          }
          if (fromUserId != null && fromUserId != toUserId) {
            Sql.update(c, DEMOTE, now, workspaceId, fromUserId);
          }
          return null;
        });
  }

  @Override
  public long delete(long workspaceId) {
    return database.inTransaction(
        c -> {
          if (Sql.queryOne(c, LOCK, rs -> rs.getLong("id"), workspaceId).isEmpty()) {
            return 0L;
          }
          long deleted = 0;
          for (String entry : ORDER) {
            deleted += deleteFrom(c, entry.charAt(0), entry.substring(2), workspaceId);
          }
          // Its audit log went with it: the request deleting it is not recorded there either
          // (the application logs it), or a row of the deleted workspace would remain.
          AuditScope.pending().ifPresent(AuditScope::markRecorded);
          return deleted + Sql.update(c, "DELETE FROM workspaces WHERE id = ?", workspaceId);
        });
  }

  private static int deleteFrom(Connection c, char by, String table, long workspaceId)
      throws SQLException {
    String sql =
        switch (by) {
          case 'W' -> BY_WORKSPACE;
          case 'C' -> BY_CAMPAIGN;
          case 'M' -> BY_MAILBOX;
          case 'E' -> null;
          default -> throw new IllegalStateException("unknown key " + by);
        };
    if (sql == null) {
      return ExecutionRows.deleteWorkspace(c, workspaceId);
    }
    return Sql.update(c, sql.formatted(table), workspaceId);
  }

  private static WorkspaceView view(java.sql.ResultSet rs) throws SQLException {
    return new WorkspaceView(
        rs.getLong("id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant());
  }
}
