package com.campaignengine.store.postgres;

import com.campaignengine.readmodel.AuditQuery;
import com.campaignengine.readmodel.AuditRecord;
import com.campaignengine.readmodel.Page;
import com.campaignengine.store.AuditStore;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The audit log's reads; its rows are written by {@link AuditRows}. */
public final class PostgresAuditStore implements AuditStore {
  /** Each filter is off when its parameter is null; newest first, by id (the cursor). */
  private static final String LIST =
      """
      SELECT id, occurred_at, actor_user_id, actor_key_id, actor, method, route, action,
             object_type, object_id
        FROM audit_log
       WHERE workspace_id = ?
         AND (?::bigint IS NULL OR id < ?::bigint)
         AND (?::timestamptz IS NULL OR occurred_at >= ?::timestamptz)
         AND (?::text IS NULL OR actor = ?::text)
         AND (?::bigint IS NULL OR actor_user_id = ?::bigint)
         AND (?::bigint IS NULL OR actor_key_id = ?::bigint)
         AND (?::text IS NULL OR object_type = ?::text)
         AND (?::text IS NULL OR object_id = ?::text)
       ORDER BY id DESC
       LIMIT ?
      """;

  private final Database database;

  public PostgresAuditStore(Database database) {
    this.database = database;
  }

  @Override
  public Page<AuditRecord> list(long workspaceId, AuditQuery q) {
    return Pages.of(
        database.withConnection(
            c ->
                Sql.query(
                    c,
                    LIST,
                    PostgresAuditStore::map,
                    workspaceId,
                    q.before(),
                    q.before(),
                    q.since(),
                    q.since(),
                    q.actor(),
                    q.actor(),
                    q.actorUserId(),
                    q.actorUserId(),
                    q.actorKeyId(),
                    q.actorKeyId(),
                    q.objectType(),
                    q.objectType(),
                    q.objectId(),
                    q.objectId(),
                    q.limit() + 1)),
        q.limit(),
        AuditRecord::id);
  }

  private static AuditRecord map(ResultSet rs) throws SQLException {
    return new AuditRecord(
        rs.getLong("id"),
        Sql.instant(rs, "occurred_at"),
        Sql.nullableLong(rs, "actor_user_id"),
        Sql.nullableLong(rs, "actor_key_id"),
        rs.getString("actor"),
        rs.getString("method"),
        rs.getString("route"),
        rs.getString("action"),
        rs.getString("object_type"),
        rs.getString("object_id"));
  }
}
