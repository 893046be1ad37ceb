package com.campaignengine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.EngineNode;
import com.campaignengine.testing.ServeProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code serve} leaves its embedded PostgreSQL running; the next {@code serve}
 * on the same data directory stops that leftover, starts its own and serves, with the data kept.
 * Real processes.
 */
class KillAndRestartTest {
  private static final String KEY = "kill-and-restart-key-0123456789";

  @TempDir Path work;

  @Test
  void serve_after_a_kill_9_stops_the_leftover_postgres_and_serves() throws Exception {
    Path dataDir = work.resolve("data");
    Map<String, String> env = Map.of("CAMPAIGN_ENGINE_API_KEY", KEY);
    int firstPort = EngineNode.freePort();
    long leftover;
    try (ServeProcess first = serve(env, dataDir, firstPort)) {
      first.awaitReady(firstPort);
      // The data directory serve created is its owner's alone, like the database's inside it.
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
          .isEqualTo("rwx------");
      leftover = postmaster(dataDir);
      // What a crash in the middle of writing an .eml file leaves.
      Files.writeString(dataDir.resolve("outbox/.outbox-123456.tmp"), "half a message");

      first.kill();
    }
    assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive))
        .as("the killed engine's PostgreSQL still runs")
        .contains(true);

    int secondPort = EngineNode.freePort();
    try (ServeProcess second = serve(env, dataDir, secondPort)) {
      second.awaitReady(secondPort);

      assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive))
          .isNotEqualTo(Optional.of(true));
      assertThat(postmaster(dataDir)).isNotEqualTo(leftover);
      assertThat(dataDir.resolve("outbox/.outbox-123456.tmp")).doesNotExist();
      // The same database: the first start's key still opens it.
      HttpResponse<String> campaigns =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + secondPort + "/api/v1/campaigns"))
                      .header("Authorization", "Bearer " + KEY)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(campaigns.statusCode()).isEqualTo(200);
      assertThat(second.result().err()).doesNotContain("Exception");
    }
    // A clean stop takes its PostgreSQL with it.
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
  }

  private ServeProcess serve(Map<String, String> env, Path dataDir, int port) {
    return ServeProcess.start(
        work,
        env,
        "serve",
        "--data-dir",
        dataDir.toString(),
        "--port",
        Integer.toString(port),
        "--lease-seconds",
        "4");
  }

  private static long postmaster(Path dataDir) throws Exception {
    return Long.parseLong(
        Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip());
  }
}
