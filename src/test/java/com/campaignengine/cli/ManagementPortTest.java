package com.campaignengine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.testing.EngineNode;
import com.campaignengine.testing.ServeProcess;
import com.campaignengine.testing.TestPostgres;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --management-port}: the metrics there, on loopback only by default, and not on the
 * API port. A real process.
 */
class ManagementPortTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path work;

  @Test
  void metrics_are_on_the_loopback_management_port_and_not_on_the_api_port() throws Exception {
    int port = EngineNode.freePort();
    int management = EngineNode.freePort();
    try (ServeProcess serve =
        ServeProcess.start(
            work,
            Map.of(),
            "serve",
            "--data-dir",
            work.resolve("data").toString(),
            "--database-url",
            TestPostgres.newDatabaseUrl(),
            "--port",
            Integer.toString(port),
            "--management-port",
            Integer.toString(management))) {
      serve.awaitReady(port);

      HttpResponse<String> metrics = get("http://127.0.0.1:" + management + "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("campaign_engine_queue_depth");
      assertThat(get("http://127.0.0.1:" + management + "/health/ready").statusCode())
          .isEqualTo(200);

      HttpResponse<String> onApi = get("http://localhost:" + port + "/metrics");
      assertThat(onApi.statusCode()).isEqualTo(404);
      assertThat(onApi.body()).doesNotContain("campaign_engine_");

      Optional<InetAddress> external = nonLoopbackAddress();
      if (external.isPresent()) {
        assertThatThrownBy(
                () -> {
                  try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(external.get(), management), 2000);
                  }
                })
            .as("the management port answers on " + external.get())
            .isInstanceOf(IOException.class);
      }
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .filter(
            nic -> {
              try {
                return nic.isUp() && !nic.isLoopback();
              } catch (IOException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address)
        .findFirst();
  }
}
