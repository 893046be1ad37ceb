package com.campaignengine.store.postgres;

import com.campaignengine.store.WorkspaceStore;
import java.time.Instant;
import java.util.Optional;

/** Workspaces and hashed API keys. */
public final class PostgresWorkspaceStore implements WorkspaceStore {

  private static final String BY_KEY = "SELECT workspace_id FROM api_keys WHERE key_sha256 = ?";
  private static final String ANY = "SELECT EXISTS (SELECT 1 FROM workspaces) AS present";
  private static final String INSERT_WORKSPACE =
      "INSERT INTO workspaces (name, created_at) VALUES (?, ?) RETURNING id";
  private static final String INSERT_KEY =
      """
      INSERT INTO api_keys (workspace_id, key_sha256, key_prefix, created_at) VALUES (?, ?, ?, ?)
      """;

  private static final String OPEN_SESSION =
      """
      INSERT INTO dashboard_sessions (token_sha256, workspace_id, api_key_id, created_at, expires_at)
      SELECT ?, k.workspace_id, k.id, ?, ? FROM api_keys k WHERE k.key_sha256 = ?
      RETURNING workspace_id
      """;
  private static final String EXPIRED = "DELETE FROM dashboard_sessions WHERE expires_at <= ?";
  private static final String BY_SESSION =
      "SELECT workspace_id FROM dashboard_sessions WHERE token_sha256 = ? AND expires_at > ?";
  private static final String CLOSE_SESSION =
      "DELETE FROM dashboard_sessions WHERE token_sha256 = ?";

  private final Database database;

  public PostgresWorkspaceStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<Long> workspaceForKey(String keySha256) {
    return database.withConnection(
        c -> Sql.queryOne(c, BY_KEY, rs -> rs.getLong("workspace_id"), keySha256));
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
  public Optional<Long> openSession(
      String keySha256, String tokenSha256, Instant now, Instant expiresAt) {
    return database.inTransaction(
        c -> {
          Sql.update(c, EXPIRED, now);
          return Sql.queryOne(
              c,
              OPEN_SESSION,
              rs -> rs.getLong("workspace_id"),
              tokenSha256,
              now,
              expiresAt,
              keySha256);
        });
  }

  @Override
  public Optional<Long> workspaceForSession(String tokenSha256, Instant now) {
    return database.withConnection(
        c -> Sql.queryOne(c, BY_SESSION, rs -> rs.getLong("workspace_id"), tokenSha256, now));
  }

  @Override
  public void closeSession(String tokenSha256) {
    database.withConnection(c -> Sql.update(c, CLOSE_SESSION, tokenSha256));
  }
}
