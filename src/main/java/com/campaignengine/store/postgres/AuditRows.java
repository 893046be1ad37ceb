package com.campaignengine.store.postgres;

import com.campaignengine.access.AuditEntry;
import com.campaignengine.access.AuditScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes a request's audit entry inside the transaction that carries its change, just before that
 * transaction commits (see {@link Database#inTransaction}). One statement: it inserts the row only
 * when the transaction has written something ({@code pg_current_xact_id_if_assigned()} is set once
 * a transaction changes or locks a row, and never for one that only read), and for a create it
 * finds the created row's id with {@code audit_created_id} (V027).
 */
final class AuditRows {
  /** The table behind each kind of object the API creates at {@code POST /api/v1/<type>}. */
  private static final Map<String, String> CREATED_IN =
      Map.of(
          "campaigns", "campaign_sequences",
          "people", "people",
          "mailboxes", "mailboxes",
          "webhooks", "webhook_subscriptions",
          "users", "users",
          "api-keys", "api_keys",
          "workspaces", "workspaces");

  private static final String INSERT =
      """
      INSERT INTO audit_log (workspace_id, occurred_at, actor_user_id, actor_key_id, actor, method,
                             route, action, object_type, object_id)
      SELECT ?::bigint, ?::timestamptz, ?::bigint, ?::bigint, ?::text, ?::text, ?::text, ?::text,
             ?::text, coalesce(?::text, audit_created_id(?::regclass)::text)
       WHERE pg_current_xact_id_if_assigned() IS NOT NULL
      """;

  private AuditRows() {}

  /**
   * Adds the entry of {@code scope} to the transaction on {@code c} if that transaction changed
   * something; returns whether it did.
   */
  static boolean addIfChanged(Connection c, AuditScope scope) throws SQLException {
    AuditEntry entry = scope.entry();
    String createdIn =
        entry.creates() && entry.objectId() == null ? CREATED_IN.get(entry.objectType()) : null;
    return Sql.update(
            c,
            INSERT,
            entry.principal().workspaceId(),
            entry.occurredAt(),
            entry.principal().userId(),
            entry.principal().keyId(),
            entry.principal().actor(),
            entry.method(),
            entry.route(),
            entry.action(),
            entry.objectType(),
            entry.objectId(),
            createdIn)
        == 1;
  }
}
