package com.campaignengine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL lets in only whoever can read its password file: no trust authentication,
 * owner-only data and password file, binaries run from a directory only their owner can write; and
 * a data directory from before, which trusted every local connection, is given a password on its
 * next start and keeps its data.
 */
class EmbeddedPostgresSecurityTest {
  @TempDir Path dataDir;

  @Test
  void a_connection_without_the_password_is_refused() throws Exception {
    try (EmbeddedPostgresServer server =
        EmbeddedPostgresServer.start(dataDir.resolve("postgres"), false)) {
      String url = "jdbc:postgresql://localhost:" + server.port() + "/postgres";

      assertThatThrownBy(() -> DriverManager.getConnection(url + "?user=postgres").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password");
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      try (Connection ok = DriverManager.getConnection(url, "postgres", server.password())) {
        assertThat(ok.isValid(2)).isTrue();
      }
    }
  }

  @Test
  void another_os_user_cannot_connect_without_the_password() throws Exception {
    assumeTrue(
        FilePermissions.uid(Path.of("/proc/self")) == 0, "switching user needs root (as in CI)");
    assumeTrue(onPath("su") && onPath("psql"), "su and psql are needed to act as another user");
    try (EmbeddedPostgresServer server =
        EmbeddedPostgresServer.start(dataDir.resolve("postgres"), false)) {
      Process psql =
          new ProcessBuilder(
                  "su",
                  "nobody",
                  "-s",
                  "/bin/sh",
                  "-c",
                  "psql -h 127.0.0.1 -p "
                      + server.port()
                      + " -U postgres -w -c 'select count(*) from pg_authid'")
              .redirectErrorStream(true)
              .start();
      String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(psql.exitValue()).as(output).isNotZero();
      assertThat(output).contains("password");
    }
  }

  @Test
  void data_password_and_binaries_are_the_owners_alone() throws Exception {
    Path pgdata = dataDir.resolve("postgres");
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(pgdata, false)) {
      assertThat(mode(pgdata)).isEqualTo("rwx------");
      assertThat(mode(dataDir.resolve("postgres.password"))).isEqualTo("rw-------");
      assertThat(Files.readString(dataDir.resolve("postgres.password")).strip())
          .isEqualTo(server.password())
          .hasSizeGreaterThanOrEqualTo(24);

      // The program that runs, found from the server's own pid.
      long pid = Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).get(0));
      Path program = Path.of("/proc/" + pid + "/exe").toRealPath();
      Path installed = program.getParent().getParent();
      for (Path dir : List.of(program.getParent(), installed, installed.getParent())) {
        assertThat(FilePermissions.mode(dir) & 0022).as(dir + " writable by others").isZero();
        assertThat(FilePermissions.uid(dir)).isEqualTo(FilePermissions.uid(Path.of("/proc/self")));
      }
      assertThat(FilePermissions.mode(program) & 0022).as(program + " writable by others").isZero();
      assertThat(FilePermissions.mode(installed.getParent()) & 0077)
          .as("the directory of unpacked versions is the owner's alone")
          .isZero();
    }
  }

  @Test
  void a_data_directory_that_trusted_local_connections_gets_a_password_and_keeps_its_data()
      throws Exception {
    Path pgdata = dataDir.resolve("postgres");
    Path passwordFile = dataDir.resolve("postgres.password");
    // Make the directory an earlier version left: trust for every local connection, no password
    // on the superuser, no password file.
    try (EmbeddedPostgresServer before = EmbeddedPostgresServer.start(pgdata, false);
        Connection c =
            DriverManager.getConnection(before.jdbcUrl(), "postgres", before.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (x int)");
      s.execute("INSERT INTO kept VALUES (42)");
      s.execute("ALTER ROLE postgres PASSWORD NULL");
    }
    Files.writeString(
        pgdata.resolve("pg_hba.conf"),
        "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n");
    Files.delete(passwordFile);

    try (EmbeddedPostgresServer after = EmbeddedPostgresServer.start(pgdata, false)) {
      assertThat(mode(passwordFile)).isEqualTo("rw-------");
      assertThatThrownBy(() -> DriverManager.getConnection(after.jdbcUrl() + "?user=postgres"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password");
      try (Connection c =
              DriverManager.getConnection(after.jdbcUrl(), "postgres", after.password());
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT x FROM kept")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(42);
      }
    }
    // And the next start uses the password it set.
    try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(pgdata, false)) {
      assertThat(again.password()).isEqualTo(Files.readString(passwordFile).strip());
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
