package com.campaignengine.store.postgres;

import com.campaignengine.failure.StartupException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL programs ({@code initdb}, {@code postgres}, {@code pg_ctl}) run on one data
 * directory, their output appended to one log file.
 *
 * <p>PostgreSQL refuses to run as root. As root (containers, CI), each program runs in a user
 * namespace of its own ({@code unshare -U}), where it is an unprivileged user that still owns the
 * files root owns outside.
 */
final class PostgresCommands {
  private static final long TIMEOUT_SECONDS = 120;
  private static List<String> prefix;

  private final Path binaries;
  private final Path pgdata;
  private final Path log;

  PostgresCommands(Path binaries, Path pgdata, Path log) {
    this.binaries = binaries;
    this.pgdata = pgdata;
    this.log = log;
  }

  /** A new cluster whose superuser has the password in {@code passwordFile}. */
  void initdb(String user, Path passwordFile, boolean durable) throws IOException {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            program("initdb"),
            "-D",
            pgdata.toString(),
            "-U",
            user,
            "-A",
            "scram-sha-256",
            "--pwfile=" + passwordFile,
            "-E",
            "UTF-8"));
    if (!durable) {
      args.add("--no-sync");
    }
    run("initdb", args, null);
  }

  /** Sets the superuser's password in single-user mode: no server listens meanwhile. */
  void setPassword(String user, String password) throws IOException {
    run(
        "postgres --single",
        List.of(
            program("postgres"),
            "--single",
            "-D",
            pgdata.toString(),
            "-c",
            "password_encryption=scram-sha-256",
            "postgres"),
        "ALTER ROLE " + user + " WITH PASSWORD '" + password.replace("'", "''") + "'\n");
  }

  /** Every connection, local or over TCP, needs the password. Rewritten on every start. */
  void writeHba() throws IOException {
    Files.writeString(
        pgdata.resolve("pg_hba.conf"),
        String.join(
            "\n",
            "# Written by campaign-engine on every start: every connection needs the password",
            "# (SCRAM-SHA-256) kept beside this data directory. Edits here are overwritten.",
            "local  all  all                 scram-sha-256",
            "host   all  all  127.0.0.1/32   scram-sha-256",
            "host   all  all  ::1/128        scram-sha-256",
            ""));
  }

  /** Starts the server on {@code port}, on localhost only and without a Unix socket. */
  Process serve(int port, boolean durable) throws IOException {
    String sync = durable ? "on" : "off";
    List<String> args = new ArrayList<>(prefix());
    args.addAll(
        List.of(
            program("postgres"),
            "-D",
            pgdata.toString(),
            "-p",
            Integer.toString(port),
            "-c",
            "listen_addresses=localhost",
            "-c",
            "unix_socket_directories=",
            "-c",
            "password_encryption=scram-sha-256",
            "-c",
            "max_connections=200",
            "-c",
            "shared_buffers=256MB",
            "-c",
            "timezone=UTC",
            "-c",
            "fsync=" + sync,
            "-c",
            "synchronous_commit=" + sync,
            "-c",
            "full_page_writes=" + sync));
    return new ProcessBuilder(args)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** Stops the server on this data directory (fast shutdown: connections are cut) and waits. */
  void stop() throws IOException {
    run(
        "pg_ctl stop",
        List.of(program("pg_ctl"), "stop", "-D", pgdata.toString(), "-m", "fast", "-w", "-t", "60"),
        null);
  }

  long logSize() throws IOException {
    return Files.size(log);
  }

  /** The last lines the programs wrote since {@code offset}, on one line. */
  String logSince(long offset) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(offset, file.length() - 2000);
      byte[] bytes = new byte[(int) (file.length() - from)];
      file.seek(from);
      file.readFully(bytes);
      List<String> lines =
          new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
      String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
      return tail.isEmpty() ? "nothing in " + log : tail + " (" + log + ")";
    }
  }

  private String program(String name) {
    return binaries.resolve("bin").resolve(name).toString();
  }

  private void run(String name, List<String> command, String input) throws IOException {
    List<String> args = new ArrayList<>(prefix());
    args.addAll(command);
    long logged = logSize();
    Process process =
        new ProcessBuilder(args)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try (OutputStream stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(name + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException(name + " interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          name + " failed (exit " + process.exitValue() + "): " + logSince(logged));
    }
  }

  /** Empty, or {@code unshare -U} for root. */
  private static synchronized List<String> prefix() throws IOException {
    if (prefix == null) {
      if (FilePermissions.uid(Path.of("/proc/self")) != 0) {
        prefix = List.of();
      } else if (unshareWorks()) {
        prefix = List.of("unshare", "-U");
      } else {
        throw new StartupException(
            "PostgreSQL does not run as root, and `unshare -U` is not available here: run"
                + " campaign-engine as another user, or set DATABASE_URL");
      }
    }
    return prefix;
  }

  private static boolean unshareWorks() {
    try {
      Process probe =
          new ProcessBuilder("unshare", "-U", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
