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
}
