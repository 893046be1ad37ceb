package com.campaignengine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.testing.TestPostgres;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLifecycleTest {
  @TempDir Path dataDir;

  private Node open() {
    InMemoryTransport transport = new InMemoryTransport();
    return Node.open(
        new NodeOptions(
            new StorageSettings(dataDir, TestPostgres.newDatabaseUrl(), false),
            EngineConfig.builder().nodeId("lifecycle").workers(1).build(),
            true,
            NodeSettings.fromEnvironment(name -> null)),
        new Collaborators(Clock.systemUTC(), mailbox -> transport, EngineListener.NONE, null));
  }

  @Test
  void a_serving_node_stops_everything_on_close_and_a_second_close_does_nothing() throws Exception {
    Node node = open();
    node.engine().start();
    node.duties().startAll(DutySettings.serving(Duration.ofDays(90), Duration.ofMinutes(1)));
    int port = node.serveHttp(0);
    HttpResponse<String> ready =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

    node.close();

    assertThatCode(node::close).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Socket("localhost", port).close())
        .as("the HTTP API stopped listening")
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> node.serveHttp(0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_node_that_never_started_anything_closes_cleanly() {
    Node node = open();
    assertThat(node.api().workspaces().createFirstWorkspace(null)).isPresent();

    node.close();

    assertThatCode(node::close).doesNotThrowAnyException();
  }
}
