package com.campaignengine.testing;

import com.campaignengine.mailbox.GmailSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stand-in for Google's OAuth2 token endpoint and the Gmail API, speaking their documented
 * JSON formats, for both sides of a Gmail mailbox: sending ({@code messages/send}, and {@code
 * rfc822msgid:} searches that find what was sent) and reading replies (the profile's history id,
 * {@code history} in pages of two records, {@code messages?q=after:… from:(…)} in pages of two
 * messages with {@code pageToken}, raw {@code messages/{id}}). History before {@link
 * #expireHistoryBefore} answers 404, as Google does for history it no longer has.
 *
 * <p>Records every request. Answers from a per-path queue of scripted replies first ({@link
 * #enqueue}), otherwise like Google would: tokens for the right client and refresh token, 401 for
 * unknown bearer tokens.
 *
 * <p>As a field, {@code @RegisterExtension final GmailStub google = GmailStub.start();} gives each
 * test its own stub, closed after it.
 */
public final class GmailStub implements AutoCloseable, AfterEachCallback {

  public static final String CLIENT_ID = "123-stub.apps.googleusercontent.com";
  public static final String CLIENT_SECRET = "GOCSPX-stub-secret";
  public static final String REFRESH_TOKEN = "1//stub-refresh-token";
  public static final String TOKEN = "/token";
  public static final String PROFILE = "/gmail/v1/users/me/profile";
  public static final String HISTORY = "/gmail/v1/users/me/history";
  public static final String LIST = "/gmail/v1/users/me/messages";
  public static final String SEND = "/gmail/v1/users/me/messages/send";
  public static final String MESSAGES = "/gmail/v1/users/me/messages/";

  private static final int HISTORY_PAGE_SIZE = 2;
  private static final int LIST_PAGE_SIZE = 2;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Session MAIL = Session.getInstance(new Properties());

  /** One request as the stub saw it. */
  public record Request(
      String method, String path, String query, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public Map<String, String> form() {
      return decode(body);
    }

    public Map<String, String> params() {
      return decode(query);
    }

    public JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /** A canned answer. */
  private record Reply(int status, String body, Map<String, String> headers) {}

  /** A message the stub "sent". */
  public record Sent(String id, String threadId, byte[] raw) {}

  /** A message in the mailbox, for the history to list and {@code messages/{id}} to return. */
  private record Received(byte[] raw, long internalDate, List<String> labels) {}

  /** One messageAdded history record. */
  private record History(long id, List<String> messageIds) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
  private final Map<String, Queue<Reply>> scripted = new ConcurrentHashMap<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, Sent> sentByMessageId = new ConcurrentHashMap<>();
  private final Set<String> threads = ConcurrentHashMap.newKeySet();
  private final Map<String, Received> received = new ConcurrentHashMap<>();
  private final List<History> history = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile int tokenLifetimeSeconds = 3600;
  private volatile long historyId = 1000;
  private volatile long expireBefore = 0;

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, each answer
    // then waits for the client's delayed ACK (about 40 ms). Read once, when the first server
    // starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private GmailStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "gmail-stub");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  public static GmailStub start() {
    try {
      GmailStub stub = new GmailStub();
      stub.server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Settings with the stub's client, refresh token and URLs. */
  public GmailSettings settings(Duration timeout) {
    return new GmailSettings(
        CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, baseUrl(), baseUrl().resolve(TOKEN), timeout);
  }

  /** Settings with a two-second timeout. */
  public GmailSettings settings() {
    return settings(REFRESH_TOKEN);
  }

  /** Settings with this refresh token instead of the stub's. */
  public GmailSettings settings(String refreshToken) {
    return new GmailSettings(
        CLIENT_ID,
        CLIENT_SECRET,
        refreshToken,
        baseUrl(),
        baseUrl().resolve(TOKEN),
        Duration.ofSeconds(2));
  }

  /** The plain settings of a Gmail mailbox that uses this stub. */
  public Map<String, Object> mailboxSettings() {
    return Map.of(
        "client_id",
        CLIENT_ID,
        "api_base_url",
        baseUrl().toString(),
        "token_url",
        baseUrl() + TOKEN);
  }

  /** A Gmail mailbox of {@code email} that uses this stub, with the stub's client and token. */
  public Mailboxes.MailboxBuilder mailbox(String email) {
    return Mailboxes.aGmailMailbox(email)
        .with("gmail", mailboxSettings())
        .secret("gmail.client_secret", CLIENT_SECRET)
        .secret("gmail.refresh_token", REFRESH_TOKEN);
  }

  /** The {@code expires_in} of tokens issued from now on. */
  public void tokenLifetime(int seconds) {
    tokenLifetimeSeconds = seconds;
  }

  /** Answers the next request to {@code path} with this instead of the default behaviour. */
  public void enqueue(String path, int status, String body, Map<String, String> headers) {
    scripted
        .computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>())
        .add(new Reply(status, body, Map.copyOf(headers)));
  }

  public void enqueue(String path, int status, String body) {
    enqueue(path, status, body, Map.of());
  }

  /** The next request to {@code path} fails with this status and Google's backendError. */
  public void failNext(String path, int status) {
    enqueue(path, status, googleError(status, "backendError", "Internal error", "INTERNAL"));
  }

  /** Invalidates every access token issued so far, as Google does when access is revoked. */
  public void revokeAccessTokens() {
    validTokens.clear();
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  public int tokenRequests() {
    return requests(TOKEN).size();
  }

  public Optional<Sent> sent(String messageId) {
    return Optional.ofNullable(sentByMessageId.get(stripBrackets(messageId)));
  }

  public int sentCount() {
    return sentByMessageId.size();
  }

  /** Stores a received message; it appears in the history only through {@link #record}. */
  public void message(String id, byte[] raw, long internalDate, String... labels) {
    received.put(id, new Received(raw, internalDate, List.of(labels)));
  }

  /** Appends a messageAdded history record and moves the mailbox's history id past it. */
  public void record(long id, String... messageIds) {
    history.add(new History(id, List.of(messageIds)));
    historyId = id + 3;
  }

  /** The mailbox's current history id, as the profile reports it. */
  public long historyId() {
    return historyId;
  }

  /** History before this id is gone: listing from there answers 404. */
  public void expireHistoryBefore(long id) {
    expireBefore = id;
  }

  /** Google's JSON error body, e.g. {@code googleError(403, "userRateLimitExceeded", ...)}. */
  public static String googleError(int code, String reason, String message, String status) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode detail = error.putArray("errors").addObject();
    detail.put("message", message);
    detail.put(
        "domain", reason.toLowerCase(Locale.ROOT).contains("limit") ? "usageLimits" : "global");
    detail.put("reason", reason);
    error.put("status", status);
    return root.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Request request = record(exchange);
      Queue<Reply> queue = scripted.get(request.path());
      Reply reply = queue == null ? null : queue.poll();
      respond(exchange, reply == null ? answer(request) : reply);
    } finally {
      exchange.close();
    }
  }

  private Request record(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            headers,
            body);
    requests.add(request);
    return request;
  }

  private Reply answer(Request request) {
    String route = request.method() + " " + request.path();
    if (route.equals("POST " + TOKEN)) {
      return token(request.form());
    }
    if (!authorized(request)) {
      return json(
          401,
          googleError(
              401,
              "authError",
              "Request had invalid authentication credentials. Expected OAuth 2 access token.",
              "UNAUTHENTICATED"));
    }
    if (route.equals("POST " + SEND)) {
      return send(request);
    }
    if (route.equals("GET " + LIST)) {
      return list(request.params());
    }
    if (route.equals("GET " + PROFILE)) {
      return json(
          200,
          "{\"emailAddress\":\"sam@example.com\",\"messagesTotal\":"
              + sentCount()
              + ",\"threadsTotal\":"
              + sentCount()
              + ",\"historyId\":\""
              + historyId
              + "\"}");
    }
    if (route.equals("GET " + HISTORY)) {
      return history(request.params());
    }
    if (route.startsWith("GET " + MESSAGES)) {
      return message(request.path().substring(MESSAGES.length()), request.params());
    }
    return notFound();
  }

  private Reply token(Map<String, String> form) {
    if (!"refresh_token".equals(form.get("grant_type"))) {
      return json(
          400,
          "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Invalid grant_type: \"}");
    }
    if (!CLIENT_ID.equals(form.get("client_id"))
        || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Unauthorized\"}");
    }
    if (!REFRESH_TOKEN.equals(form.get("refresh_token"))) {
      return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}");
    }
    String token = "ya29.stub-" + ids.incrementAndGet();
    validTokens.add(token);
    ObjectNode body = JSON.createObjectNode();
    body.put("access_token", token);
    body.put("expires_in", tokenLifetimeSeconds);
    body.put(
        "scope",
        "https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/gmail.readonly");
    body.put("token_type", "Bearer");
    return json(200, body.toString());
  }

  private boolean authorized(Request request) {
    String authorization = request.header("Authorization");
    return authorization != null
        && authorization.startsWith("Bearer ")
        && validTokens.contains(authorization.substring("Bearer ".length()));
  }

  // ---- sending ----------------------------------------------------------------------------------

  private Reply send(Request request) {
    String messageId;
    JsonNode body;
    byte[] raw;
    try {
      body = request.json();
      raw = Base64.getUrlDecoder().decode(body.path("raw").asText(""));
      MimeMessage mime = new MimeMessage(MAIL, new ByteArrayInputStream(raw));
      messageId = mime.getMessageID();
      if (mime.getAllRecipients() == null) {
        return invalidArgument("Recipient address required");
      }
    } catch (Exception e) {
      return invalidArgument("Invalid value for ByteString: raw");
    }
    if (raw.length == 0 || messageId == null) {
      return invalidArgument("Invalid raw message");
    }
    String id = String.format("%016x", 0x18f0000000000000L + ids.incrementAndGet());
    String threadId = body.hasNonNull("threadId") ? body.get("threadId").asText() : id;
    if (!threadId.equals(id) && !threads.contains(threadId)) {
      return invalidArgument("Invalid thread_id value");
    }
    threads.add(threadId);
    sentByMessageId.put(stripBrackets(messageId), new Sent(id, threadId, raw));
    return json(
        200, "{\"id\":\"" + id + "\",\"threadId\":\"" + threadId + "\",\"labelIds\":[\"SENT\"]}");
  }

  private Reply list(Map<String, String> params) {
    String q = params.getOrDefault("q", "");
    if (q.startsWith("rfc822msgid:")) {
      return sentById(q);
    }
    List<String> matching = search(q);
    int size = Math.min(LIST_PAGE_SIZE, Integer.parseInt(params.getOrDefault("maxResults", "100")));
    int from = Integer.parseInt(params.getOrDefault("pageToken", "0"));
    int to = Math.min(matching.size(), from + size);
    ObjectNode body = JSON.createObjectNode();
    if (to > from) {
      ArrayNode messages = body.putArray("messages");
      for (String id : matching.subList(from, to)) {
        messages.addObject().put("id", id).put("threadId", "t-" + id);
      }
    }
    if (to < matching.size()) {
      body.put("nextPageToken", Integer.toString(to));
    }
    body.put("resultSizeEstimate", matching.size());
    return json(200, body.toString());
  }

  private Reply sentById(String q) {
    Sent found = sentByMessageId.get(stripBrackets(q.substring(12)));
    if (found == null) {
      return json(200, "{\"resultSizeEstimate\":0}");
    }
    return json(
        200,
        "{\"messages\":[{\"id\":\""
            + found.id()
            + "\",\"threadId\":\""
            + found.threadId()
            + "\"}],\"resultSizeEstimate\":1}");
  }

  /**
   * The received messages matching a query of the operators the engine uses: {@code after:<epoch
   * seconds>}, {@code from:(a OR b OR @domain)} (substring of the From header), {@code -in:sent},
   * {@code -in:drafts}; newest first, as Gmail lists.
   */
  private List<String> search(String q) {
    Matcher after = Pattern.compile("after:(\\d+)").matcher(q);
    long afterMillis = after.find() ? Long.parseLong(after.group(1)) * 1000 : Long.MIN_VALUE;
    Matcher before = Pattern.compile("before:(\\d+)").matcher(q);
    long beforeMillis = before.find() ? Long.parseLong(before.group(1)) * 1000 : Long.MAX_VALUE;
    Matcher fromGroup = Pattern.compile("from:\\(([^)]*)\\)").matcher(q);
    List<String> fromTerms =
        fromGroup.find()
            ? List.of(fromGroup.group(1).toLowerCase(Locale.ROOT).split(" or "))
            : List.of();
    return received.entrySet().stream()
        .filter(e -> e.getValue().internalDate() >= afterMillis)
        .filter(e -> e.getValue().internalDate() < beforeMillis)
        .filter(e -> !(q.contains("-in:sent") && e.getValue().labels().contains("SENT")))
        .filter(e -> !(q.contains("-in:drafts") && e.getValue().labels().contains("DRAFT")))
        .filter(
            e ->
                fromTerms.isEmpty()
                    || fromTerms.stream().anyMatch(fromHeader(e.getValue())::contains))
        .sorted(
            Comparator.comparingLong((Map.Entry<String, Received> e) -> e.getValue().internalDate())
                .thenComparing(Map.Entry::getKey)
                .reversed())
        .map(Map.Entry::getKey)
        .toList();
  }

  private static String fromHeader(Received message) {
    Matcher from =
        Pattern.compile("(?im)^From:(.*)$")
            .matcher(new String(message.raw(), StandardCharsets.UTF_8));
    return from.find() ? from.group(1).toLowerCase(Locale.ROOT) : "";
  }

  // ---- reading ----------------------------------------------------------------------------------

  private Reply history(Map<String, String> params) {
    long start = Long.parseLong(params.get("startHistoryId"));
    if (start < expireBefore) {
      return notFound();
    }
    List<History> after = history.stream().filter(h -> h.id() > start).toList();
    int from = Integer.parseInt(params.getOrDefault("pageToken", "0"));
    int to = Math.min(after.size(), from + HISTORY_PAGE_SIZE);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode records = body.putArray("history");
    for (History h : after.subList(from, to)) {
      ObjectNode record = records.addObject().put("id", Long.toString(h.id()));
      ArrayNode added = record.putArray("messagesAdded");
      for (String id : h.messageIds()) {
        ObjectNode message = added.addObject().putObject("message");
        message.put("id", id).put("threadId", "t-" + id);
        Received stored = received.get(id);
        if (stored != null) {
          stored.labels().forEach(message.putArray("labelIds")::add);
        }
      }
    }
    if (to < after.size()) {
      body.put("nextPageToken", Integer.toString(to));
    }
    body.put("historyId", Long.toString(historyId));
    return json(200, body.toString());
  }

  private Reply message(String id, Map<String, String> params) {
    Received stored = received.get(id);
    if (stored == null || !"raw".equals(params.get("format"))) {
      return notFound();
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("id", id).put("threadId", "t-" + id);
    stored.labels().forEach(body.putArray("labelIds")::add);
    body.put("internalDate", Long.toString(stored.internalDate()));
    body.put("raw", Base64.getUrlEncoder().encodeToString(stored.raw()));
    return json(200, body.toString());
  }

  // ---- answers ----------------------------------------------------------------------------------

  private static Reply invalidArgument(String message) {
    return json(400, googleError(400, "invalidArgument", message, "INVALID_ARGUMENT"));
  }

  private static Reply notFound() {
    return json(404, googleError(404, "notFound", "Requested entity was not found.", "NOT_FOUND"));
  }

  private static Reply json(int status, String body) {
    return new Reply(status, body, Map.of());
  }

  private static void respond(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    boolean isJson = reply.body().startsWith("{");
    exchange
        .getResponseHeaders()
        .set(
            "Content-Type",
            isJson ? "application/json; charset=UTF-8" : "text/html; charset=UTF-8");
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String stripBrackets(String messageId) {
    return messageId.strip().replaceAll("^<|>$", "");
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
      values.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }
}
