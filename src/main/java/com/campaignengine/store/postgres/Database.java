package com.campaignengine.store.postgres;

import com.campaignengine.access.AuditScope;
import com.campaignengine.failure.StartupException;
import com.campaignengine.store.StoreException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and the one way to run SQL in a transaction: {@link #inTransaction} commits
 * when the callback returns and rolls back when it throws.
 *
 * <p>The audit log is written here, in one place. While a write request of the API is served (an
 * {@link AuditScope} is open on the thread and its entry not yet written), the first transaction
 * that changes something adds the request's audit row just before it commits, so the row and the
 * change commit together or not at all: a write that fails or rolls back records nothing, and one
 * that commits is always recorded. Once per request, not once per transaction, because a request is
 * one act of its caller even where its work runs in several transactions; the row belongs to the
 * first commit that changed something ("changed": the transaction was given a transaction id, which
 * PostgreSQL does on its first write or row lock, never for reads). For the same reason {@link
 * #withConnection} work of such a request runs as a transaction too.
 */
public final class Database implements AutoCloseable {
  /** How long a start waits for a database that refuses connections (it may be starting). */
  static final Duration REACHABLE_WITHIN = Duration.ofSeconds(30);

  /** Work done on one connection inside a transaction. */
  @FunctionalInterface
  public interface TxCallback<T> {
    T run(Connection connection) throws SQLException;
  }

  private final HikariDataSource dataSource;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String schema;

  private Database(
      HikariDataSource dataSource, String jdbcUrl, String user, String password, String schema) {
    this.dataSource = dataSource;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.schema = schema;
  }

  /**
   * Opens a pool to {@code jdbcUrl}; {@code user}/{@code password} may be null if in the URL. A
   * database that refuses connections is waited for (up to {@link #REACHABLE_WITHIN}: it may be
   * starting); any other failure to connect (an unknown host, a wrong password, no such database)
   * ends the start at once.
   *
   * <p>Every connection works in {@code schema} alone ({@code search_path}), so the engine's
   * unqualified SQL never touches another schema of a shared database.
   *
   * @throws StartupException if the database cannot be reached, in one line without credentials
   * @throws IllegalArgumentException if {@code schema} is not a plain lowercase name
   */
  public static Database open(
      String jdbcUrl, String user, String password, int poolSize, String schema) {
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain lowercase schema name: " + schema);
    }
    awaitReachable(jdbcUrl, user, password);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setPoolName("campaign-engine");
    // The schema may not exist yet (the migration creates it); search_path names it regardless.
    config.setSchema(schema);
    config.setAutoCommit(true);
    // The database just answered (above); later outages are retried by callers.
    config.setInitializationFailTimeout(10_000);
    config.setConnectionTimeout(10_000);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("ApplicationName", "campaign-engine");
    try {
      return new Database(new HikariDataSource(config), jdbcUrl, user, password, schema);
    } catch (HikariPool.PoolInitializationException e) {
      throw new StartupException(
          "cannot connect to the database " + where(jdbcUrl) + ": " + reason(e), e);
    }
  }

  /** Tries one connection until the database answers; see {@link #open}. */
  private static void awaitReachable(String jdbcUrl, String user, String password) {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", "campaign-engine");
    long deadline = System.nanoTime() + REACHABLE_WITHIN.toNanos();
    while (true) {
      try (Connection connection = new org.postgresql.Driver().connect(jdbcUrl, props)) {
        if (connection == null) {
          throw new StartupException("not a PostgreSQL JDBC URL: " + where(jdbcUrl));
        }
        return;
      } catch (SQLException e) {
        if (!startingUp(e) || System.nanoTime() > deadline) {
          throw new StartupException(
              "cannot connect to the database " + where(jdbcUrl) + ": " + reason(e), e);
        }
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartupException("interrupted while waiting for the database");
      }
    }
  }

  /** Refused (nothing listens yet) or "the database system is starting up". */
  private static boolean startingUp(SQLException e) {
    if ("57P03".equals(e.getSQLState())) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** host:port/database of a JDBC URL: never its parameters, which may hold a password. */
  static String where(String jdbcUrl) {
    String rest = jdbcUrl.replaceFirst("^jdbc:postgresql:(//)?", "");
    int query = rest.indexOf('?');
    return query < 0 ? rest : rest.substring(0, query);
  }

  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host " + t.getMessage();
      } else if (t instanceof java.net.ConnectException) {
        return "connection refused";
      } else if (t instanceof java.net.SocketTimeoutException) {
        return "no answer (timed out)";
      }
    }
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Publishes the pool's metrics (connections active, idle, pending, timeouts) to a registry. */
  public void bindMetrics(Object micrometerRegistry) {
    dataSource.setMetricRegistry(micrometerRegistry);
  }

  /** Why this node is not ready (database unreachable, migrations pending), or empty. */
  public java.util.Optional<String> readiness() {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(2)) {
        return java.util.Optional.of("database connection is not valid");
      }
    } catch (SQLException e) {
      return java.util.Optional.of("database unreachable: " + e.getMessage());
    }
    int pending = flyway().info().pending().length;
    return pending == 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(pending + " migrations not applied");
  }

  /**
   * Applies the numbered migrations under {@code db/migration} in the engine's schema (created if
   * missing), after moving an installation of an earlier version out of {@code public} ({@link
   * LegacyLayout}).
   */
  public void migrate() {
    LegacyLayout.moveIntoSchema(dataSource, schema);
    flyway().migrate();
  }

  /** The engine's schema. */
  public String schema() {
    return schema;
  }

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .defaultSchema(schema)
        .locations("classpath:db/migration")
        .load();
  }

  public <T> T inTransaction(TxCallback<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        AuditScope audit = AuditScope.pending().orElse(null);
        boolean audited = audit != null && AuditRows.addIfChanged(connection, audit);
        connection.commit();
        if (audited) {
          audit.markRecorded();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        restoreAutoCommit(connection);
      }
    } catch (SQLException e) {
      throw new StoreException(
          "database transaction failed: " + e.getMessage(), e, transientFailure(e));
    }
  }

  /**
   * Runs autocommitted work (a single statement needs no explicit transaction); while a write
   * request's audit entry is pending, as a transaction, so that a change it makes is recorded with
   * it (see the class comment).
   */
  public <T> T withConnection(TxCallback<T> work) {
    if (AuditScope.pending().isPresent()) {
      return inTransaction(work);
    }
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("database call failed: " + e.getMessage(), e, transientFailure(e));
    }
  }

  /** A failure inside work that cannot throw SQLException, classified as the callers above do. */
  static StoreException translate(SQLException e) {
    return new StoreException("database call failed: " + e.getMessage(), e, transientFailure(e));
  }

  /** A connection outside the pool, for LISTEN: it lives as long as the listener. */
  Connection openDedicatedConnection() throws SQLException {
    java.util.Properties props = new java.util.Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", "campaign-engine-listener");
    Connection connection = new org.postgresql.Driver().connect(jdbcUrl, props);
    try {
      connection.setSchema(schema);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /**
   * Back to autocommit for the pool; on a connection the server cut, this fails too, and must not
   * hide the failure that says why (a terminated backend, a restart).
   */
  private static void restoreAutoCommit(Connection connection) {
    try {
      if (!connection.isClosed()) {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // The pool discards a broken connection; the original failure is already on its way up.
    }
  }

  /**
   * Connection exceptions (08), operator intervention such as a restart or {@code
   * pg_terminate_backend} (57P), insufficient resources such as too many clients (53), transaction
   * rollbacks such as deadlocks (40), and a pool that could not hand out a connection in time.
   */
  static boolean transientFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.startsWith("57P")
            || state.startsWith("53")
            || state.startsWith("40")) {
          return true;
        }
      }
    }
    return false;
  }
}
