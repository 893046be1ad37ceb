package com.campaignengine.store.postgres;

import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
import com.campaignengine.readmodel.WorkspaceSummary;
import com.campaignengine.store.WorkspaceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Workspaces, hashed API keys and dashboard sessions. */
public final class PostgresWorkspaceStore implements WorkspaceStore {

  /** How stale {@code last_used_at} may get before a use writes it again. */
  private static final Duration LAST_USED_GRAIN = Duration.ofMinutes(1);

  private static final String LIVE_KEYS =
      """
      SELECT k.id, k.workspace_id, k.name, k.key_prefix, k.key_sha256, k.role, k.user_id,
             u.role AS user_role, u.email AS user_email
        FROM api_keys k LEFT JOIN users u ON u.id = k.user_id
       WHERE k.key_prefix = ANY(?) AND k.revoked_at IS NULL
         AND (k.expires_at IS NULL OR k.expires_at > ?)
         AND (k.user_id IS NULL OR u.id IS NOT NULL)
      """;
  private static final String KEY_USED =
      """
      UPDATE api_keys SET last_used_at = ?
       WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)
      """;
  private static final String ANY = "SELECT EXISTS (SELECT 1 FROM workspaces) AS present";
  private static final String INSERT_WORKSPACE =
      "INSERT INTO workspaces (name, created_at) VALUES (?, ?) RETURNING id";
  private static final String INSERT_KEY =
      """
      INSERT INTO api_keys (workspace_id, key_sha256, key_prefix, name, role, created_at)
      VALUES (?, ?, ?, 'workspace key', 'owner', ?)
      """;

  private static final String OPEN_KEY_SESSION =
      """
      INSERT INTO dashboard_sessions (token_sha256, workspace_id, api_key_id, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?)
      """;
  private static final String EXPIRED = "DELETE FROM dashboard_sessions WHERE expires_at <= ?";

  /** A session's key must still be live, and a user's key's user must still exist. */
  private static final String SESSION =
      """
      SELECT s.workspace_id, s.api_key_id, s.user_id,
             k.name AS key_name, k.key_prefix, k.role AS key_role, k.user_id AS key_user_id,
             ku.role AS key_user_role, ku.email AS key_user_email,
             u.role AS user_role, u.email AS user_email
        FROM dashboard_sessions s
        LEFT JOIN api_keys k
          ON k.id = s.api_key_id AND k.revoked_at IS NULL
         AND (k.expires_at IS NULL OR k.expires_at > ?)
        LEFT JOIN users ku ON ku.id = k.user_id
        LEFT JOIN users u ON u.id = s.user_id AND u.workspace_id = s.workspace_id
       WHERE s.token_sha256 = ? AND s.expires_at > ?
      """;

  private static final String LIST_WORKSPACES =
      "SELECT id, name, created_at FROM workspaces ORDER BY id";

  private static final String CLOSE_SESSION =
      "DELETE FROM dashboard_sessions WHERE token_sha256 = ?";

  private final Database database;

  public PostgresWorkspaceStore(Database database) {
    this.database = database;
  }

  @Override
  public List<StoredKey> liveKeysWithPrefix(List<String> prefixes, Instant now) {
    return database.withConnection(
        c ->
            Sql.query(
                c,
                LIVE_KEYS,
                rs ->
                    new StoredKey(
                        rs.getLong("id"),
                        rs.getLong("workspace_id"),
                        rs.getString("name"),
                        rs.getString("key_prefix"),
                        rs.getString("key_sha256"),
                        Role.fromDatabase(rs.getString("role")),
                        (Long) rs.getObject("user_id"),
                        role(rs, "user_role"),
                        rs.getString("user_email")),
                c.createArrayOf("text", prefixes.toArray()),
                now));
  }

  @Override
  public void keyUsed(long keyId, Instant now) {
    database.withConnection(c -> Sql.update(c, KEY_USED, now, keyId, now.minus(LAST_USED_GRAIN)));
  }

  @Override
  public boolean anyWorkspace() {
    return database.withConnection(
        c -> Sql.queryOne(c, ANY, rs -> rs.getBoolean("present")).orElse(false));
  }

  @Override
  public long createWorkspace(String name, String keySha256, String keyPrefix, Instant now) {
    return database.inTransaction(
        c -> {
          long id =
              Sql.queryOne(c, INSERT_WORKSPACE, rs -> rs.getLong("id"), name, now).orElseThrow();
          Sql.update(c, INSERT_KEY, id, keySha256, keyPrefix, now);
          return id;
        });
  }

  @Override
  public void openKeySession(Principal key, String tokenSha256, Instant now, Instant expiresAt) {
    database.inTransaction(
        c -> {
          Sql.update(c, EXPIRED, now);
          return Sql.update(
              c, OPEN_KEY_SESSION, tokenSha256, key.workspaceId(), key.keyId(), now, expiresAt);
        });
  }

  @Override
  public Optional<Principal> sessionPrincipal(String tokenSha256, Instant now) {
    return database
        .withConnection(
            c -> Sql.queryOne(c, SESSION, PostgresWorkspaceStore::session, now, tokenSha256, now))
        .flatMap(p -> p);
  }

  private static Optional<Principal> session(ResultSet rs) throws SQLException {
    long workspace = rs.getLong("workspace_id");
    Long keyId = (Long) rs.getObject("api_key_id");
    if (keyId != null) {
      if (rs.getString("key_name") == null) {
        return Optional.empty(); // the key was revoked or expired: so is its session
      }
      Long keyUser = (Long) rs.getObject("key_user_id");
      Role role = Role.fromDatabase(rs.getString("key_role"));
      if (keyUser != null) {
        Role userRole = role(rs, "key_user_role");
        if (userRole == null) {
          return Optional.empty();
        }
        role = role.cappedBy(userRole);
      }
      return Optional.of(
          new Principal(
              workspace,
              role,
              keyUser,
              keyId,
              "key:" + rs.getString("key_name") + " (" + rs.getString("key_prefix") + ")"));
    }
    Role userRole = role(rs, "user_role");
    if (userRole == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Principal(
            workspace,
            userRole,
            rs.getLong("user_id"),
            null,
            "user:" + rs.getString("user_email")));
  }

  private static Role role(ResultSet rs, String column) throws SQLException {
    String text = rs.getString(column);
    return text == null ? null : Role.fromDatabase(text);
  }

  @Override
  public void closeSession(String tokenSha256) {
    database.withConnection(c -> Sql.update(c, CLOSE_SESSION, tokenSha256));
  }

  @Override
  public List<WorkspaceSummary> listWorkspaces() {
    return database.withConnection(
        c ->
            Sql.query(
                c,
                LIST_WORKSPACES,
                rs ->
                    new WorkspaceSummary(
                        rs.getLong("id"), rs.getString("name"), Sql.instant(rs, "created_at"))));
  }
}
