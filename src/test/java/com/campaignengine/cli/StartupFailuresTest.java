package com.campaignengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.EngineNode;
import com.campaignengine.testing.ServeProcess;
import com.campaignengine.testing.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} that cannot start says why in one line on stderr and exits non-zero (2 for a usage
 * error, 1 for a server that cannot start), before any workspace or key exists: real processes.
 */
class StartupFailuresTest {
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final Map<String, String> ENV = Map.of();

  @TempDir Path work;

  @Test
  void a_second_serve_on_the_same_data_directory_names_the_first_ones_pid() {
    Path dataDir = work.resolve("data");
    int port = EngineNode.freePort();
    try (ServeProcess first =
        ServeProcess.start(
            work,
            ENV,
            "serve",
            "--data-dir",
            dataDir.toString(),
            "--database-url",
            TestPostgres.newDatabaseUrl(),
            "--port",
            Integer.toString(port))) {
      first.awaitReady(port);

      // The same command again: same data directory, same port.
      ServeProcess.Result second =
          ServeProcess.run(
              work,
              ENV,
              WITHIN,
              "serve",
              "--data-dir",
              dataDir.toString(),
              "--database-url",
              TestPostgres.newDatabaseUrl(),
              "--port",
              Integer.toString(port));

      assertOneLine(second, 1);
      assertThat(second.err())
          .contains("another campaign-engine (pid " + first.pid() + ") is using")
          .contains(dataDir.getFileName().toString());
      assertThat(first.alive()).isTrue();
    }
  }

  @Test
  void a_port_in_use_is_one_line_and_nothing_is_created() throws Exception {
    Path dataDir = work.resolve("data");
    try (ServerSocket taken = new ServerSocket(0)) {
      ServeProcess.Result result =
          ServeProcess.run(
              work,
              ENV,
              WITHIN,
              "serve",
              "--data-dir",
              dataDir.toString(),
              "--database-url",
              TestPostgres.newDatabaseUrl(),
              "--port",
              Integer.toString(taken.getLocalPort()));

      assertOneLine(result, 1);
      assertThat(result.err()).contains("port " + taken.getLocalPort()).contains("in use");
      assertThat(result.out()).doesNotContain("API key");
      assertThat(dataDir.resolve("api-key")).doesNotExist();
    }
  }

  @Test
  void an_unreachable_database_is_one_line_without_its_password() {
    Path dataDir = work.resolve("data");
    ServeProcess.Result result =
        ServeProcess.run(
            work,
            ENV,
            WITHIN,
            "serve",
            "--data-dir",
            dataDir.toString(),
            "--database-url",
            "postgres://engine:hunter2-secret@db.nonexistent.invalid:5432/campaigns",
            "--port",
            Integer.toString(EngineNode.freePort()));

    assertOneLine(result, 1);
    assertThat(result.err())
        .contains("cannot connect to the database")
        .contains("db.nonexistent.invalid")
        .doesNotContain("hunter2-secret");
    assertThat(result.out()).doesNotContain("API key");
    assertThat(dataDir.resolve("api-key")).doesNotExist();
  }

  @Test
  void a_bad_flag_or_value_is_a_usage_error() {
    ServeProcess.Result unknown = ServeProcess.run(work, ENV, WITHIN, "serve", "--bussiness-hours");
    ServeProcess.Result notANumber = ServeProcess.run(work, ENV, WITHIN, "serve", "--port", "http");
    ServeProcess.Result outOfRange =
        ServeProcess.run(work, ENV, WITHIN, "serve", "--port", "70000");
    ServeProcess.Result badUrl =
        ServeProcess.run(
            work,
            ENV,
            WITHIN,
            "serve",
            "--data-dir",
            work.resolve("data").toString(),
            "--database-url",
            "mysql://localhost/db");

    assertOneLine(unknown, 2);
    assertThat(unknown.err()).contains("--bussiness-hours");
    assertOneLine(notANumber, 2);
    assertThat(notANumber.err()).contains("--port");
    assertOneLine(outOfRange, 2);
    assertThat(outOfRange.err()).contains("--port");
    assertOneLine(badUrl, 2);
    assertThat(badUrl.err()).contains("--database-url");
    ServeProcess.Result badSchema =
        ServeProcess.run(
            work,
            ENV,
            WITHIN,
            "serve",
            "--data-dir",
            work.resolve("data").toString(),
            "--database-schema",
            "engine; DROP SCHEMA public");
    assertOneLine(badSchema, 2);
    assertThat(badSchema.err()).contains("--database-schema");
    assertThat(Files.exists(work.resolve("data").resolve("api-key"))).isFalse();
  }

  @Test
  void a_node_with_another_secret_key_than_the_databases_refuses_to_start() {
    String url = TestPostgres.newDatabaseUrl();
    int port = EngineNode.freePort();
    try (ServeProcess first =
        ServeProcess.start(
            work,
            Map.of("CAMPAIGN_ENGINE_SECRET_KEY", key('a')),
            "serve",
            "--data-dir",
            work.resolve("first").toString(),
            "--database-url",
            url,
            "--port",
            Integer.toString(port))) {
      first.awaitReady(port);

      ServeProcess.Result second =
          ServeProcess.run(
              work,
              Map.of("CAMPAIGN_ENGINE_SECRET_KEY", key('b')),
              WITHIN,
              "serve",
              "--data-dir",
              work.resolve("second").toString(),
              "--database-url",
              url,
              "--port",
              Integer.toString(EngineNode.freePort()));

      assertOneLine(second, 1);
      assertThat(second.err())
          .contains("is not the key this database's secrets are sealed with")
          .doesNotContain(key('a'), key('b'));
      assertThat(second.out()).doesNotContain("API key");
    }
  }

  @Test
  void a_short_admin_key_is_refused_before_anything_starts() {
    Path dataDir = work.resolve("data");
    ServeProcess.Result result =
        ServeProcess.run(
            work,
            Map.of("CAMPAIGN_ENGINE_ADMIN_KEY", "too-short-key"),
            WITHIN,
            "serve",
            "--data-dir",
            dataDir.toString(),
            "--database-url",
            TestPostgres.newDatabaseUrl(),
            "--port",
            Integer.toString(EngineNode.freePort()));

    assertOneLine(result, 2);
    assertThat(result.err())
        .contains("CAMPAIGN_ENGINE_ADMIN_KEY must be at least 16 characters")
        .doesNotContain("too-short-key");
    assertThat(dataDir.resolve("api-key")).doesNotExist();
  }

  private static String key(char fill) {
    return java.util.Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes());
  }

  private static void assertOneLine(ServeProcess.Result result, int exit) {
    assertThat(result.exit()).as(result.toString()).isEqualTo(exit);
    assertThat(result.errLines()).as(result.toString()).hasSize(1);
    assertThat(result.errLines().get(0)).as(result.toString()).startsWith("error: ");
    assertThat(result.err()).as(result.toString()).doesNotContain("\tat ", "Exception in");
  }
}
