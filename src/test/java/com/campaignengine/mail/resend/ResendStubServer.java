package com.campaignengine.mail.resend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stand-in for Resend's API, speaking its documented format: {@code POST /emails} (with
 * real idempotency semantics) and {@code GET /domains}, Bearer authentication, error bodies {@code
 * {"statusCode","message","name"}} and rate-limit headers.
 *
 * <p>Idempotency as documented: a repeat of a completed request with the same {@code
 * Idempotency-Key} and an equal body gets the original response and records no second email; a
 * different body gets {@code 409 invalid_idempotent_request}; a repeat while the first is still in
 * progress gets {@code 409 concurrent_idempotent_requests}. Only accepted sends store a key.
 *
 * <p>Thread-safe; handles requests on a small pool so tests can hold one request open. As a
 * {@code @RegisterExtension} field it serves one test and is closed after it.
 */
final class ResendStubServer implements AutoCloseable, AfterEachCallback {

  static final String API_KEY = "re_test_0123456789";
  static final String SENDING_ONLY_KEY = "re_sending_only_42";

  /** A request as it arrived; header names lower-cased. */
  record Recorded(String method, String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A scripted answer for the next {@code POST /emails}, instead of normal processing. */
  record Scripted(int status, String name, String message, Map<String, String> headers) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs add ~40 ms to many small exchanges
  // (the concurrent contract test takes twice as long). Only affects JDK HttpServers in tests.
  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(16);
  private final ConcurrentLinkedQueue<Scripted> scripted = new ConcurrentLinkedQueue<>();
  private final List<Recorded> requests = new ArrayList<>();
  private final List<JsonNode> emails = new ArrayList<>();
  private final Map<String, Completed> completed = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile Hold hold = Hold.NONE;
  private volatile CountDownLatch entered = new CountDownLatch(1);

  /** Where the next {@code POST /emails} waits for {@link #release()}. */
  enum Hold {
    NONE,
    /** Before accepting: the key is "in progress", nothing is sent yet. */
    BEFORE_ACCEPTING,
    /** After accepting and storing the response: as if the answer were lost on the way. */
    AFTER_ACCEPTING
  }

  private record Completed(JsonNode body, String response) {}

  ResendStubServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next {@code POST /emails} with this error instead of processing it. */
  void script(Scripted response) {
    scripted.add(response);
  }

  /** Makes the next {@code POST /emails} wait at {@code where} until {@link #release()}. */
  void holdNext(Hold where) {
    entered = new CountDownLatch(1);
    hold = where;
  }

  /** Waits until a held request has reached its hold point. */
  boolean awaitHeld() throws InterruptedException {
    return entered.await(5, TimeUnit.SECONDS);
  }

  void release() {
    release.countDown();
  }

  synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** The JSON bodies of the emails actually "sent", each once. */
  synchronized List<JsonNode> emails() {
    return List.copyOf(emails);
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    pool.shutdownNow();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Recorded request = record(exchange);
      String auth = request.header("Authorization");
      if (auth == null) {
        respond(
            exchange,
            error(401, "missing_api_key", "Missing API key in the authorization header."));
      } else if (request.header("User-Agent") == null) {
        respond(exchange, error(403, "validation_error", "error code: 1010"));
      } else if (!auth.equals("Bearer " + API_KEY) && !auth.equals("Bearer " + SENDING_ONLY_KEY)) {
        respond(exchange, error(403, "invalid_api_key", "API key is invalid"));
      } else if (request.method().equals("GET") && request.path().equals("/domains")) {
        respond(exchange, domains(auth));
      } else if (request.method().equals("POST") && request.path().equals("/emails")) {
        respond(exchange, send(request));
      } else {
        respond(exchange, error(404, "not_found", "The requested endpoint does not exist."));
      }
    }
  }

  private Scripted domains(String auth) {
    if (auth.equals("Bearer " + SENDING_ONLY_KEY)) {
      return error(401, "restricted_api_key", "This API key is restricted to only send emails.");
    }
    return new Scripted(
        200, null, "{\"object\":\"list\",\"has_more\":false,\"data\":[]}", Map.of());
  }

  private Scripted send(Recorded request) throws IOException {
    Scripted next = scripted.poll();
    if (next != null) {
      return next;
    }
    String key = request.header("Idempotency-Key");
    if (key != null && (key.isEmpty() || key.length() > 256)) {
      return error(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    }
    JsonNode body = JSON.readTree(request.body());
    for (String field : List.of("from", "to", "subject")) {
      if (!body.hasNonNull(field)) {
        return error(422, "missing_required_field", "Missing `" + field + "` field.");
      }
    }
    synchronized (this) {
      if (key != null && completed.containsKey(key)) {
        Completed original = completed.get(key);
        return original.body().equals(body)
            ? ok(original.response())
            : error(409, "invalid_idempotent_request", "This idempotency key has been used ...");
      }
      if (key != null && !inProgress.add(key)) {
        return error(
            409,
            "concurrent_idempotent_requests",
            "There is another request in progress with the same idempotency key.");
      }
    }
    Hold where = takeHold();
    await(where == Hold.BEFORE_ACCEPTING);
    String response = "{\"id\":\"" + UUID.randomUUID() + "\"}";
    synchronized (this) {
      emails.add(body);
      if (key != null) {
        inProgress.remove(key);
        completed.put(key, new Completed(body, response));
      }
    }
    await(where == Hold.AFTER_ACCEPTING);
    return ok(response);
  }

  private synchronized Hold takeHold() {
    Hold where = hold;
    hold = Hold.NONE;
    return where;
  }

  private void await(boolean held) {
    if (!held) {
      return;
    }
    entered.countDown();
    try {
      // Bounded, so a forgotten release() cannot hang the build.
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized Recorded record(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Recorded request =
        new Recorded(
            exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
    requests.add(request);
    return request;
  }

  private static Scripted ok(String json) {
    return new Scripted(200, null, json, Map.of());
  }

  static Scripted error(int status, String name, String message) {
    return error(status, name, message, Map.of());
  }

  static Scripted error(int status, String name, String message, Map<String, String> headers) {
    return new Scripted(status, name, message, headers);
  }

  private static void respond(HttpExchange exchange, Scripted answer) throws IOException {
    String json;
    if (answer.name() == null) {
      json = answer.message();
    } else {
      ObjectNode error = JSON.createObjectNode();
      error.put("statusCode", answer.status());
      error.put("message", answer.message());
      error.put("name", answer.name());
      json = JSON.writeValueAsString(error);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("ratelimit-limit", "10");
    exchange.getResponseHeaders().set("ratelimit-remaining", "9");
    exchange.getResponseHeaders().set("ratelimit-reset", "1");
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
