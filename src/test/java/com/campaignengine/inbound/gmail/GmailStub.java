package com.campaignengine.inbound.gmail;

import com.campaignengine.mailbox.GmailSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Google's OAuth2 token endpoint and the Gmail API's profile, history and raw
 * message resources, in their documented JSON formats. History records are kept in order and served
 * in pages of {@link #pageSize}; a start before {@link #expireBefore} gets 404 as Google answers
 * for history it no longer has. Records every request.
 */
final class GmailStub implements AutoCloseable {

  static final String CLIENT_ID = "123-stub.apps.googleusercontent.com";
  static final String CLIENT_SECRET = "GOCSPX-stub-secret";
  static final String REFRESH_TOKEN = "1//stub-refresh-token";
  static final String TOKEN = "/token";
  static final String PROFILE = "/gmail/v1/users/me/profile";
  static final String HISTORY = "/gmail/v1/users/me/history";
  static final String MESSAGES = "/gmail/v1/users/me/messages/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Charset UTF8 = StandardCharsets.UTF_8;

  /** A request as the stub saw it. */
  record Request(String method, String path, Map<String, String> params) {}

  private record Stored(String id, byte[] raw, long internalDate, List<String> labels) {}

  private record History(long id, List<String> messageIds) {}

  private final HttpServer server;
  private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
  private final Map<String, Stored> messages = new ConcurrentHashMap<>();
  private final List<History> history = new CopyOnWriteArrayList<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final AtomicInteger tokens = new AtomicInteger();
  volatile long historyId = 1000;
  volatile long expireBefore = 0;
  volatile int pageSize = 2;

  static {
    // Without TCP_NODELAY each answer waits for the client's delayed ACK (about 40 ms).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private GmailStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", this::handle);
  }

  static GmailStub start() throws IOException {
    GmailStub stub = new GmailStub();
    stub.server.start();
    return stub;
  }

  GmailSettings settings() {
    return settings(REFRESH_TOKEN);
  }

  GmailSettings settings(String refreshToken) {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new GmailSettings(
        CLIENT_ID, CLIENT_SECRET, refreshToken, base, base.resolve(TOKEN), Duration.ofSeconds(2));
  }

  /** Stores a message; it appears in the history only through {@link #record}. */
  void message(String id, byte[] raw, long internalDate, String... labels) {
    messages.put(id, new Stored(id, raw, internalDate, List.of(labels)));
  }

  /** Appends a messageAdded history record and moves the mailbox's history id past it. */
  void record(long id, String... messageIds) {
    history.add(new History(id, List.of(messageIds)));
    historyId = id + 3;
  }

  /** The next request to {@code path} fails with this status. */
  void failNext(String path, int status) {
    failures.put(path, status);
  }

  /** Invalidates every access token issued so far, as Google does when access is revoked. */
  void revokeAccessTokens() {
    validTokens.clear();
  }

  int tokenRequests() {
    return tokens.get();
  }

  List<Request> requests(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> params = decode(exchange.getRequestURI().getRawQuery());
      if (exchange.getRequestMethod().equals("POST")) {
        params.putAll(decode(new String(exchange.getRequestBody().readAllBytes(), UTF8)));
      }
      requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(params)));
      Integer failure = failures.remove(path);
      if (failure != null) {
        respond(exchange, failure, error(failure, "backendError", "Internal error", "INTERNAL"));
      } else if (path.equals(TOKEN)) {
        token(exchange, params);
      } else if (!authorized(exchange)) {
        respond(exchange, 401, error(401, "authError", "Invalid Credentials", "UNAUTHENTICATED"));
      } else if (path.equals(PROFILE)) {
        respond(
            exchange,
            200,
            "{\"emailAddress\":\"sam@example.com\",\"historyId\":\"" + historyId + "\"}");
      } else if (path.equals(HISTORY)) {
        history(exchange, params);
      } else if (path.startsWith(MESSAGES)) {
        message(exchange, path.substring(MESSAGES.length()), params);
      } else {
        respond(exchange, 404, notFound());
      }
    }
  }

  private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
    tokens.incrementAndGet();
    if (!REFRESH_TOKEN.equals(form.get("refresh_token"))) {
      respond(
          exchange,
          400,
          "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
      return;
    }
    String token = "ya29.stub-" + tokens.get();
    validTokens.add(token);
    respond(
        exchange,
        200,
        "{\"access_token\":\"" + token + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null
        && header.startsWith("Bearer ")
        && validTokens.contains(header.substring("Bearer ".length()));
  }

  private void history(HttpExchange exchange, Map<String, String> params) throws IOException {
    long start = Long.parseLong(params.get("startHistoryId"));
    if (start < expireBefore) {
      respond(exchange, 404, notFound());
      return;
    }
    List<History> after = history.stream().filter(h -> h.id() > start).toList();
    int from = Integer.parseInt(params.getOrDefault("pageToken", "0"));
    int to = Math.min(after.size(), from + pageSize);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode records = body.putArray("history");
    for (History h : after.subList(from, to)) {
      ObjectNode record = records.addObject().put("id", Long.toString(h.id()));
      ArrayNode added = record.putArray("messagesAdded");
      for (String id : h.messageIds()) {
        ObjectNode message = added.addObject().putObject("message");
        message.put("id", id).put("threadId", "t-" + id);
        Stored stored = messages.get(id);
        if (stored != null) {
          stored.labels().forEach(message.putArray("labelIds")::add);
        }
      }
    }
    if (to < after.size()) {
      body.put("nextPageToken", Integer.toString(to));
    }
    body.put("historyId", Long.toString(historyId));
    respond(exchange, 200, body.toString());
  }

  private void message(HttpExchange exchange, String id, Map<String, String> params)
      throws IOException {
    Stored stored = messages.get(id);
    if (stored == null || !"raw".equals(params.get("format"))) {
      respond(exchange, 404, notFound());
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("id", id).put("threadId", "t-" + id);
    stored.labels().forEach(body.putArray("labelIds")::add);
    body.put("internalDate", Long.toString(stored.internalDate()));
    body.put("raw", Base64.getUrlEncoder().encodeToString(stored.raw()));
    respond(exchange, 200, body.toString());
  }

  static String error(int code, String reason, String message, String status) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error").put("code", code).put("message", message);
    error.putArray("errors").addObject().put("reason", reason).put("message", message);
    error.put("status", status);
    return root.toString();
  }

  private static String notFound() {
    return error(404, "notFound", "Requested entity was not found.", "NOT_FOUND");
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(UTF8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> decode(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return values;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.put(URLDecoder.decode(name, UTF8), URLDecoder.decode(value, UTF8));
    }
    return values;
  }
}
