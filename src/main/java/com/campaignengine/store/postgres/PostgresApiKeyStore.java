package com.campaignengine.store.postgres;

import com.campaignengine.access.ApiKey;
import com.campaignengine.access.Role;
import com.campaignengine.store.ApiKeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys of a workspace: create, list, revoke and rotate. Lookup by key is the workspaces'. */
public final class PostgresApiKeyStore implements ApiKeyStore {
  private static final String COLUMNS =
      "id, name, role, key_prefix, user_id, created_at, last_used_at, expires_at";

  private static final String USER_IN_WORKSPACE =
      "SELECT EXISTS (SELECT 1 FROM users WHERE id = ? AND workspace_id = ?) AS present";
  private static final String INSERT =
      """
      INSERT INTO api_keys
        (workspace_id, key_sha256, key_prefix, name, role, user_id, expires_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      RETURNING
      """
          + COLUMNS;
  private static final String LIST =
      "SELECT "
          + COLUMNS
          + " FROM api_keys WHERE workspace_id = ? AND revoked_at IS NULL ORDER BY id";
  private static final String FIND =
      "SELECT "
          + COLUMNS
          + " FROM api_keys WHERE workspace_id = ? AND id = ? AND revoked_at IS NULL";
  private static final String LOCK = FIND + " FOR UPDATE";
  private static final String REVOKE =
      """
      UPDATE api_keys SET revoked_at = ?
       WHERE workspace_id = ? AND id = ? AND revoked_at IS NULL
      """;

  /** The old key of a rotation lives until the grace ends, or its own expiry if that is sooner. */
  private static final String SHORTEN =
      """
      UPDATE api_keys SET expires_at = LEAST(COALESCE(expires_at, ?), ?)
       WHERE workspace_id = ? AND id = ?
      """;

  private final Database database;

  public PostgresApiKeyStore(Database database) {
    this.database = database;
  }

  @Override
  public boolean userInWorkspace(long workspaceId, long userId) {
    return database.withConnection(
        c ->
            Sql.queryOne(c, USER_IN_WORKSPACE, rs -> rs.getBoolean("present"), userId, workspaceId)
                .orElse(false));
  }

  @Override
  public ApiKey insert(long workspaceId, NewKey key, Instant now) {
    return database.inTransaction(c -> insert(c, workspaceId, key, now));
  }

  private static ApiKey insert(Connection c, long workspaceId, NewKey key, Instant now)
      throws SQLException {
    return Sql.queryOne(
            c,
            INSERT,
            PostgresApiKeyStore::key,
            workspaceId,
            key.sha256(),
            key.prefix(),
            key.name(),
            key.role().wire(),
            key.userId(),
            key.expiresAt(),
            now)
        .orElseThrow();
  }

  @Override
  public List<ApiKey> list(long workspaceId) {
    return database.withConnection(c -> Sql.query(c, LIST, PostgresApiKeyStore::key, workspaceId));
  }

  @Override
  public Optional<ApiKey> find(long workspaceId, long keyId) {
    return database.withConnection(
        c -> Sql.queryOne(c, FIND, PostgresApiKeyStore::key, workspaceId, keyId));
  }

  @Override
  public boolean revoke(long workspaceId, long keyId, Instant now) {
    return database.inTransaction(c -> Sql.update(c, REVOKE, now, workspaceId, keyId)) == 1;
  }

  @Override
  public Optional<ApiKey> rotate(
      long workspaceId, long keyId, NewKey replacement, Instant oldValidUntil, Instant now) {
    return database.inTransaction(
        c -> {
          if (Sql.queryOne(c, LOCK, PostgresApiKeyStore::key, workspaceId, keyId).isEmpty()) {
            return Optional.empty();
          }
          ApiKey created = insert(c, workspaceId, replacement, now);
          if (oldValidUntil.isAfter(now)) {
            Sql.update(c, SHORTEN, oldValidUntil, oldValidUntil, workspaceId, keyId);
          } else {
            Sql.update(c, REVOKE, now, workspaceId, keyId);
          }
          return Optional.of(created);
        });
  }

  private static ApiKey key(ResultSet rs) throws SQLException {
    return new ApiKey(
        rs.getLong("id"),
        rs.getString("name"),
        Role.fromDatabase(rs.getString("role")),
        rs.getString("key_prefix"),
        Sql.nullableLong(rs, "user_id"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_used_at"),
        Sql.instant(rs, "expires_at"));
  }
}
