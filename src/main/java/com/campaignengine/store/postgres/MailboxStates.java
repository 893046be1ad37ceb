package com.campaignengine.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * What the send path changes on a mailbox: disconnect on revoked credentials, defer on limits, and
 * the event of a node that cannot unseal its credentials.
 */
final class MailboxStates {

  private static final String DISCONNECT =
      """
      UPDATE mailboxes SET status = 'disconnected', status_reason = ?, updated_at = ?
       WHERE id = ? AND status = 'connected'
      RETURNING workspace_id
      """;

  private static final String DEFER =
      """
      UPDATE mailboxes SET deferred_until = greatest(coalesce(deferred_until, ?), ?), updated_at = ?
       WHERE id = ?
      RETURNING workspace_id
      """;

  private static final String EVENT =
      """
      INSERT INTO engine_events (workspace_id, kind, mailbox_id, message, created_at)
      VALUES (?, ?, ?, ?, ?)
      """;

  /** Which node cannot open a mailbox's credentials: read by the alert rule of the same name. */
  private static final String SECRET_UNAVAILABLE =
      """
      INSERT INTO engine_events (workspace_id, kind, mailbox_id, node_id, message, created_at)
      SELECT workspace_id, 'secret_unavailable', id, ?, ?, ? FROM mailboxes WHERE id = ?
      """;

  int secretUnavailable(Connection c, long mailboxId, String nodeId, String reason, Instant now)
      throws SQLException {
    return Sql.update(c, SECRET_UNAVAILABLE, nodeId, reason, now, mailboxId);
  }

  Void disconnect(Connection c, long mailboxId, String reason, Instant now) throws SQLException {
    Optional<Long> workspace =
        Sql.queryOne(c, DISCONNECT, rs -> rs.getLong("workspace_id"), reason, now, mailboxId);
    if (workspace.isPresent()) {
      ExecutionRows.holdMailbox(c, mailboxId);
      Sql.update(
          c,
          EVENT,
          workspace.get(),
          "mailbox_disconnected",
          mailboxId,
          "credentials refused: " + reason + "; sends are parked until they are updated",
          now);
    }
    return null;
  }

  Void defer(Connection c, long mailboxId, String reason, Instant until, Instant now)
      throws SQLException {
    Optional<Long> workspace =
        Sql.queryOne(c, DEFER, rs -> rs.getLong("workspace_id"), until, until, now, mailboxId);
    if (workspace.isPresent()) {
      Sql.update(
          c,
          EVENT,
          workspace.get(),
          "mailbox_rate_limited",
          mailboxId,
          reason + "; no sends before " + until,
          now);
    }
    return null;
  }
}
