package com.campaignengine.testing;

import com.campaignengine.node.StorageSettings;
import com.campaignengine.store.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (embedded binaries, fast non-durable settings), and a fresh
 * database for each caller, so tests never see each other's rows.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgresServer server;

  private TestPostgres() {}

  public static synchronized EmbeddedPostgresServer server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgresServer.start(
                Files.createTempDirectory("ce-test-pg").resolve("postgres"), false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  /**
   * Creates an empty database and returns its JDBC URL (user and password included, and the
   * engine's schema as the search path).
   */
  public static String newDatabaseUrl() {
    String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c =
            DriverManager.getConnection(server().jdbcUrl(), server().user(), server().password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database", e);
    }
    return server().jdbcUrl(name)
        + "?user=postgres&password="
        + server().password()
        // The tests' own connections see the engine's tables as the engine does.
        + "&currentSchema="
        + StorageSettings.DEFAULT_SCHEMA;
  }
}
