package com.campaignengine.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * For operators and orchestrators, without an API key: {@code GET /health/live} (the process
 * answers), {@code GET /health/ready} (the database is reachable and every migration applied; 503
 * with the reason otherwise) and, on the management port only, {@code GET /metrics} (Prometheus
 * text).
 */
final class OpsPages implements HttpHandler {
  private final Supplier<String> metrics;
  private final Supplier<Optional<String>> readiness;

  /** {@code metrics} null: no {@code /metrics} here (404). */
  OpsPages(Supplier<String> metrics, Supplier<Optional<String>> readiness) {
    this.metrics = metrics;
    this.readiness = readiness;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain", "method not allowed");
      } else if (path.equals("/metrics") && metrics != null) {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
      } else if (path.equals("/health/live")) {
        send(exchange, 200, "application/json", "{\"status\":\"up\"}");
      } else if (path.equals("/health/ready")) {
        Optional<String> problem = readiness.get();
        if (problem.isEmpty()) {
          send(exchange, 200, "application/json", "{\"status\":\"ready\"}");
        } else {
          send(
              exchange,
              503,
              "application/json",
              Json.MAPPER.writeValueAsString(
                  java.util.Map.of("status", "not ready", "error", problem.get())));
        }
      } else {
        send(exchange, 404, "text/plain", "not found");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
