package com.campaignengine.node;

import com.campaignengine.store.postgres.Database;
import com.campaignengine.store.postgres.DatabaseUrls;
import com.campaignengine.store.postgres.EmbeddedPostgresServer;

/**
 * A node's database with its schema migrated: an external PostgreSQL, or an embedded one started in
 * the data directory. Closing it closes the pool, then stops the embedded server.
 */
final class NodeDatabase implements AutoCloseable {
  private final EmbeddedPostgresServer embedded;
  private final Database database;

  private NodeDatabase(EmbeddedPostgresServer embedded, Database database) {
    this.embedded = embedded;
    this.database = database;
  }

  /** Connects (starting the embedded PostgreSQL if no URL is given) and migrates the schema. */
  static NodeDatabase open(StorageSettings storage, int poolSize) {
    NodeDatabase opened;
    if (storage.external()) {
      DatabaseUrls.Jdbc jdbc = DatabaseUrls.parse(storage.databaseUrl());
      opened =
          new NodeDatabase(
              null,
              Database.open(
                  jdbc.url(), jdbc.user(), jdbc.password(), poolSize, storage.databaseSchema()));
    } else {
      EmbeddedPostgresServer embedded =
          EmbeddedPostgresServer.start(
              storage.dataDir().resolve("postgres"), storage.durableEmbedded());
      try {
        opened =
            new NodeDatabase(
                embedded,
                Database.open(
                    embedded.jdbcUrl(),
                    embedded.user(),
                    embedded.password(),
                    poolSize,
                    storage.databaseSchema()));
      } catch (RuntimeException e) {
        embedded.close();
        throw e;
      }
    }
    try {
      opened.database.migrate();
      return opened;
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  Database database() {
    return database;
  }

  @Override
  public void close() {
    database.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
