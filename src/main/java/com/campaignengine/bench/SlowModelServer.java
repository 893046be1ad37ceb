package com.campaignengine.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local model server in OpenAI's chat-completions format that answers after a fixed delay
 * (without holding a thread while it waits), to measure how personalization affects throughput.
 */
final class SlowModelServer implements AutoCloseable {
  private static final byte[] ANSWER =
      ("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
              + "\"Hi, your background fits this role well. Would you be open to a short chat?\"},"
              + "\"finish_reason\":\"stop\"}]}")
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2);

  SlowModelServer(long latencyMillis) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          later.schedule(() -> answer(exchange), latencyMillis, TimeUnit.MILLISECONDS);
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  private static void answer(HttpExchange exchange) {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, ANSWER.length);
      exchange.getResponseBody().write(ANSWER);
    } catch (IOException e) {
      // the client gave up (timeout): nothing to answer
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    later.shutdownNow();
  }
}
