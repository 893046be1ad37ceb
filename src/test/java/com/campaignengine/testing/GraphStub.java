package com.campaignengine.testing;

import com.campaignengine.mailbox.MicrosoftSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stand-in for the Microsoft identity platform's token endpoint and Microsoft Graph's mail
 * API, speaking their documented JSON: the refresh-token grant (which rotates the refresh token),
 * {@code /me}, drafts ({@code POST /me/messages}, {@code PATCH}, {@code DELETE}), {@code
 * createReply} (same conversation), {@code send} (202; the draft becomes a sent item), {@code
 * $filter=internetMessageId eq '…'} and {@code receivedDateTime ge …}, {@code $value} (MIME), and
 * the Inbox delta query with {@code @odata.nextLink} pages of two and an {@code @odata.deltaLink};
 * {@link #expireDeltaTokens} makes every link issued so far answer 410 {@code SyncStateNotFound}.
 *
 * <p>Records every request with its {@link Call}. Answers from a per-call queue of scripted replies
 * first ({@link #enqueue}), otherwise like Microsoft would: 401 {@code InvalidAuthenticationToken}
 * for an unknown bearer token, 404 {@code ErrorItemNotFound} for an unknown message.
 *
 * <p>As a field, {@code @RegisterExtension final GraphStub graph = GraphStub.start();}.
 */
public final class GraphStub implements AutoCloseable, AfterEachCallback {

  public static final String CLIENT_ID = "00000000-stub-app";
  public static final String CLIENT_SECRET = "stub~secret";
  public static final String REFRESH_TOKEN = "M.stub-refresh-token";
  public static final String TENANT = "common";
  public static final String ADDRESS = "sam@contoso.example";

  private static final String V1 = "/v1.0";
  private static final int DELTA_PAGE_SIZE = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Which documented call a request is. */
  public enum Call {
    TOKEN,
    ME,
    CREATE,
    CREATE_REPLY,
    PATCH,
    SEND,
    DELETE,
    LIST,
    GET,
    VALUE,
    DELTA,
    OTHER
  }

  /** One request as the stub saw it. */
  public record Request(Call call, String method, String path, String query, String body) {
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

  private record Reply(int status, String body, Map<String, String> headers) {}

  /** A message in the mailbox: a draft, a sent item or an Inbox message. */
  public static final class Message {
    public final String id;
    public volatile String internetMessageId;
    public final String conversationId;
    public volatile String subject = "";
    public volatile String body = "";
    public volatile String bodyType = "Text";
    public volatile List<String> to = List.of();
    public volatile Map<String, String> headers = Map.of();
    public volatile boolean isDraft;
    public volatile String folder;
    public volatile String from = ADDRESS;
    public volatile Instant receivedAt;
    public volatile byte[] raw;
    public volatile String replyTo;
    volatile long seq;

    Message(String id, String internetMessageId, String conversationId) {
      this.id = id;
      this.internetMessageId = internetMessageId;
      this.conversationId = conversationId;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
  private final Map<Call, Queue<Reply>> scripted = new ConcurrentHashMap<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, Message> messages = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong seq = new AtomicLong();
  private final AtomicInteger generation = new AtomicInteger();
  private volatile int tokenLifetimeSeconds = 3600;

  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private GraphStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "graph-stub");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    refreshTokens.add(REFRESH_TOKEN);
  }

  public static GraphStub start() {
    try {
      GraphStub stub = new GraphStub();
      stub.server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public URI graphUrl() {
    return URI.create(baseUrl() + V1);
  }

  public MicrosoftSettings settings(Duration timeout) {
    return new MicrosoftSettings(
        CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, TENANT, baseUrl(), graphUrl(), timeout);
  }

  public MicrosoftSettings settings() {
    return settings(Duration.ofSeconds(5));
  }

  /** The plain settings of a Microsoft mailbox that uses this stub. */
  public Map<String, Object> mailboxSettings() {
    return Map.of(
        "client_id",
        CLIENT_ID,
        "tenant",
        TENANT,
        "login_url",
        baseUrl().toString(),
        "graph_url",
        graphUrl().toString());
  }

  /** A Microsoft mailbox of {@code email} that uses this stub, with its client and token. */
  public Mailboxes.MailboxBuilder mailbox(String email) {
    return Mailboxes.aMicrosoftMailbox(email)
        .with("microsoft", mailboxSettings())
        .secret("microsoft.client_secret", CLIENT_SECRET)
        .secret("microsoft.refresh_token", REFRESH_TOKEN);
  }

  public void tokenLifetime(int seconds) {
    tokenLifetimeSeconds = seconds;
  }

  /** Answers the next request of {@code call} with this instead of the default behaviour. */
  public void enqueue(Call call, int status, String body, Map<String, String> headers) {
    scripted
        .computeIfAbsent(call, c -> new ConcurrentLinkedQueue<>())
        .add(new Reply(status, body, Map.copyOf(headers)));
  }

  public void enqueue(Call call, int status, String body) {
    enqueue(call, status, body, Map.of());
  }

  /** Graph's documented error body: {@code {"error":{"code":...,"message":...}}}. */
  public static String graphError(String code, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("code", code).put("message", message);
    return root.toString();
  }

  /** Invalidates every access token issued so far. */
  public void revokeAccessTokens() {
    validTokens.clear();
  }

  /** Revokes the grant: every refresh token answers 400 invalid_grant from now on. */
  public void revokeGrant() {
    validTokens.clear();
    refreshTokens.clear();
  }

  /** A new consent: {@link #REFRESH_TOKEN} works again. */
  public void restoreGrant() {
    refreshTokens.add(REFRESH_TOKEN);
  }

  /** Every delta and next link issued so far answers 410 Gone, {@code SyncStateNotFound}. */
  public void expireDeltaTokens() {
    generation.incrementAndGet();
  }

  public List<Request> requests(Call call) {
    return requests.stream().filter(r -> r.call() == call).toList();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Sent items, in the order sent. */
  public List<Message> sent() {
    return messages.values().stream()
        .filter(m -> "sentitems".equals(m.folder))
        .sorted(Comparator.comparingLong((Message m) -> m.seq))
        .toList();
  }

  public int sentCount() {
    return sent().size();
  }

  public List<Message> drafts() {
    return messages.values().stream().filter(m -> m.isDraft).toList();
  }

  /** Delivers raw MIME into the Inbox, received at {@code receivedAt}; returns its Graph id. */
  public String receive(byte[] raw, Instant receivedAt) {
    String id = newId();
    InternetHeaders headers;
    try {
      headers = new InternetHeaders(new ByteArrayInputStream(raw));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    String messageId = headers.getHeader("Message-ID", null);
    Message message =
        new Message(id, messageId == null ? "<" + id + "@stub>" : messageId, "conv-" + id);
    message.folder = "inbox";
    message.raw = raw;
    message.receivedAt = receivedAt;
    message.subject =
        headers.getHeader("Subject", null) == null ? "" : headers.getHeader("Subject", null);
    try {
      InternetAddress[] from = InternetAddress.parseHeader(headers.getHeader("From", ","), false);
      message.from = from[0].getAddress();
    } catch (Exception e) {
      message.from = "";
    }
    message.seq = seq.incrementAndGet();
    messages.put(id, message);
    return id;
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

  // ---- dispatch ---------------------------------------------------------------------------------

  private static final Pattern MESSAGE = Pattern.compile(V1 + "/me/messages/([^/]+)(/.*)?");

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Call call = classify(method, path);
      Request request = new Request(call, method, path, query, body);
      requests.add(request);
      Queue<Reply> queue = scripted.get(call);
      Reply reply = queue == null ? null : queue.poll();
      if (reply == null) {
        reply = answer(request, exchange.getRequestHeaders().getFirst("Authorization"));
      }
      respond(exchange, reply);
    } finally {
      exchange.close();
    }
  }

  private static Call classify(String method, String path) {
    if (method.equals("POST") && path.equals("/" + TENANT + "/oauth2/v2.0/token")) {
      return Call.TOKEN;
    }
    if (path.equals(V1 + "/me")) {
      return Call.ME;
    }
    if (path.equals(V1 + "/me/messages")) {
      return method.equals("POST") ? Call.CREATE : Call.LIST;
    }
    if (path.equals(V1 + "/me/mailFolders/inbox/messages/delta")) {
      return Call.DELTA;
    }
    Matcher m = MESSAGE.matcher(path);
    if (m.matches()) {
      String tail = m.group(2) == null ? "" : m.group(2);
      return switch (method + " " + tail) {
        case "POST /createReply" -> Call.CREATE_REPLY;
        case "POST /send" -> Call.SEND;
        case "PATCH " -> Call.PATCH;
        case "DELETE " -> Call.DELETE;
        case "GET " -> Call.GET;
        case "GET /$value" -> Call.VALUE;
        default -> Call.OTHER;
      };
    }
    return Call.OTHER;
  }

  private Reply answer(Request request, String authorization) {
    if (request.call() == Call.TOKEN) {
      return token(request.form());
    }
    if (authorization == null
        || !authorization.startsWith("Bearer ")
        || !validTokens.contains(authorization.substring(7))) {
      return json(
          401,
          graphError(
              "InvalidAuthenticationToken", "Access token has expired or is not yet valid."));
    }
    Matcher m = MESSAGE.matcher(request.path());
    Message target = m.matches() ? messages.get(m.group(1)) : null;
    boolean needsTarget =
        Set.of(Call.CREATE_REPLY, Call.SEND, Call.PATCH, Call.DELETE, Call.GET, Call.VALUE)
            .contains(request.call());
    if (needsTarget && target == null) {
      return json(
          404, graphError("ErrorItemNotFound", "The specified object was not found in the store."));
    }
    try {
      return switch (request.call()) {
        case ME ->
            json(
                200,
                "{\"displayName\":\"Sam\",\"mail\":\""
                    + ADDRESS
                    + "\",\"userPrincipalName\":\""
                    + ADDRESS
                    + "\"}");
        case CREATE -> create(request.json());
        case CREATE_REPLY -> createReply(target, request.body());
        case PATCH -> patch(target, request.json());
        case SEND -> send(target);
        case DELETE -> {
          messages.remove(target.id);
          yield new Reply(204, "", Map.of());
        }
        case GET -> json(200, view(target).toString());
        case VALUE -> new Reply(200, new String(mime(target), StandardCharsets.UTF_8), Map.of());
        case LIST -> list(request.params());
        case DELTA -> delta(request.params());
        default -> json(400, graphError("BadRequest", "Unsupported request"));
      };
    } catch (IOException e) {
      return json(400, graphError("BadRequest", "Unable to read JSON request payload."));
    } catch (IllegalArgumentException e) {
      return json(
          400,
          graphError(
              "InvalidInternetMessageHeader",
              "The internet message header name '"
                  + e.getMessage()
                  + "' should start with 'x-' or 'X-'."));
    }
  }

  private Reply token(Map<String, String> form) {
    if (!"refresh_token".equals(form.get("grant_type"))) {
      return json(400, "{\"error\":\"unsupported_grant_type\"}");
    }
    if (!CLIENT_ID.equals(form.get("client_id"))
        || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      return json(
          401,
          "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client"
              + " secret provided.\"}");
    }
    if (!refreshTokens.contains(form.getOrDefault("refresh_token", ""))) {
      return json(
          400,
          "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70000: The provided grant"
              + " has expired due to it being revoked.\"}");
    }
    String scope = form.getOrDefault("scope", "");
    if (!scope.contains("https://graph.microsoft.com/Mail.Send")
        || !scope.contains("offline_access")) {
      return json(400, "{\"error\":\"invalid_scope\"}");
    }
    String access = "eyJ0eXAi.stub-" + ids.incrementAndGet();
    validTokens.add(access);
    // Microsoft rotates: the answer carries a new refresh token; the old one is not revoked.
    String rotated = "M.stub-rotated-" + UUID.randomUUID();
    refreshTokens.add(rotated);
    ObjectNode body = JSON.createObjectNode();
    body.put("token_type", "Bearer");
    body.put("scope", scope.replace("offline_access ", ""));
    body.put("expires_in", tokenLifetimeSeconds);
    body.put("ext_expires_in", tokenLifetimeSeconds);
    body.put("access_token", access);
    body.put("refresh_token", rotated);
    return json(200, body.toString());
  }

  // ---- sending ----------------------------------------------------------------------------------

  private Reply create(JsonNode body) {
    String id = newId();
    String imid = body.path("internetMessageId").asText("");
    Message message =
        new Message(id, imid.isEmpty() ? "<" + id + "@stub.outlook.example>" : imid, "conv-" + id);
    message.isDraft = true;
    message.folder = "drafts";
    apply(message, body);
    message.seq = seq.incrementAndGet();
    messages.put(id, message);
    return json(201, view(message).toString());
  }

  private Reply createReply(Message original, String body) throws IOException {
    String id = newId();
    Message draft = new Message(id, "<" + id + "@stub.outlook.example>", original.conversationId);
    draft.isDraft = true;
    draft.folder = "drafts";
    draft.subject = "RE: " + original.subject;
    draft.to = List.of(original.from);
    draft.replyTo = original.id;
    if (body != null && !body.isBlank()) {
      JsonNode json = JSON.readTree(body);
      if (json.has("comment") && json.path("message").has("body")) {
        return json(400, graphError("ErrorInvalidRequest", "Specify either comment or body."));
      }
      apply(draft, json.path("message"));
    }
    draft.seq = seq.incrementAndGet();
    messages.put(id, draft);
    return json(201, view(draft).toString());
  }

  private Reply patch(Message message, JsonNode body) {
    if (body.has("internetMessageHeaders")) {
      // Not among the properties message-update lists: settable only when a draft is created.
      return json(
          400,
          graphError(
              "ErrorInvalidPropertyRequest",
              "The property 'InternetMessageHeaders' can't be set."));
    }
    if (!message.isDraft
        && (body.has("body") || body.has("internetMessageId") || body.has("toRecipients"))) {
      return json(
          400, graphError("ErrorInvalidPropertyUpdateSentMessage", "Update is not allowed"));
    }
    apply(message, body);
    return json(200, view(message).toString());
  }

  private Reply send(Message message) {
    if (!message.isDraft) {
      return json(400, graphError("ErrorInvalidOperation", "The message is not a draft."));
    }
    for (String to : message.to) {
      if (!to.contains("@")) {
        return json(
            400,
            graphError(
                "ErrorInvalidRecipients",
                "At least one recipient isn't valid., Recipient '" + to + "' is not resolved."));
      }
    }
    message.isDraft = false;
    message.folder = "sentitems";
    message.receivedAt = Instant.now();
    message.seq = seq.incrementAndGet();
    return new Reply(202, "", Map.of());
  }

  private static void apply(Message message, JsonNode body) {
    if (body.has("subject")) {
      message.subject = body.path("subject").asText("");
    }
    if (body.has("body")) {
      message.body = body.path("body").path("content").asText("");
      message.bodyType = body.path("body").path("contentType").asText("Text");
    }
    if (body.has("toRecipients")) {
      List<String> to = new ArrayList<>();
      body.path("toRecipients")
          .forEach(r -> to.add(r.path("emailAddress").path("address").asText("")));
      message.to = List.copyOf(to);
    }
    if (body.hasNonNull("internetMessageId")) {
      message.internetMessageId = body.path("internetMessageId").asText();
    }
    if (body.has("internetMessageHeaders")) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (JsonNode h : body.path("internetMessageHeaders")) {
        String name = h.path("name").asText("");
        if (!name.toLowerCase(Locale.ROOT).startsWith("x-")) {
          throw new IllegalArgumentException(name);
        }
        headers.put(name, h.path("value").asText(""));
      }
      message.headers = headers;
    }
  }

  private static ObjectNode view(Message message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", message.id);
    node.put("internetMessageId", message.internetMessageId);
    node.put("conversationId", message.conversationId);
    node.put("subject", message.subject);
    node.put("isDraft", message.isDraft);
    node.put("parentFolderId", message.folder);
    if (message.receivedAt != null) {
      node.put("receivedDateTime", message.receivedAt.toString());
    }
    node.putObject("from").putObject("emailAddress").put("address", message.from);
    node.putObject("body").put("contentType", message.bodyType).put("content", message.body);
    ArrayNode to = node.putArray("toRecipients");
    message.to.forEach(a -> to.addObject().putObject("emailAddress").put("address", a));
    return node;
  }

  private static byte[] mime(Message message) {
    if (message.raw != null) {
      return message.raw;
    }
    String text =
        "Message-ID: "
            + message.internetMessageId
            + "\r\nFrom: "
            + message.from
            + "\r\nTo: "
            + String.join(", ", message.to)
            + "\r\nSubject: "
            + message.subject
            + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + message.body
            + "\r\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // ---- reading ----------------------------------------------------------------------------------

  private static final Pattern BY_MESSAGE_ID =
      Pattern.compile("internetMessageId eq '((?:[^']|'')*)'");
  private static final Pattern RECEIVED_GE = Pattern.compile("receivedDateTime ge (\\S+)");

  private Reply list(Map<String, String> params) {
    String filter = params.getOrDefault("$filter", "");
    Matcher byId = BY_MESSAGE_ID.matcher(filter);
    Matcher ge = RECEIVED_GE.matcher(filter);
    List<Message> found;
    if (byId.find()) {
      String wanted = byId.group(1).replace("''", "'");
      found = messages.values().stream().filter(m -> wanted.equals(m.internetMessageId)).toList();
    } else if (ge.find()) {
      Instant since = Instant.parse(ge.group(1));
      found =
          messages.values().stream()
              .filter(m -> m.receivedAt != null && !m.receivedAt.isBefore(since))
              .sorted(Comparator.comparing((Message m) -> m.receivedAt).reversed())
              .toList();
    } else {
      return json(400, graphError("BadRequest", "Unsupported $filter"));
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode value = body.putArray("value");
    found.forEach(m -> value.add(view(m)));
    return json(200, body.toString());
  }

  /**
   * The Inbox delta. A round's state is {@code g<generation>.<after>.<upTo>.<offset>.<since>}: the
   * Inbox messages with a sequence number in (after, upTo] received at or after since, from the
   * offset-th on. A deltaLink's token is {@code g<generation>.<upTo>}.
   */
  private Reply delta(Map<String, String> params) {
    long after;
    long upTo;
    int offset;
    long since;
    int gen;
    String skip = params.get("$skiptoken");
    String token = params.get("$deltatoken");
    if (skip != null) {
      String[] p = skip.substring(1).split("\\.");
      gen = Integer.parseInt(p[0]);
      after = Long.parseLong(p[1]);
      upTo = Long.parseLong(p[2]);
      offset = Integer.parseInt(p[3]);
      since = Long.parseLong(p[4]);
    } else if (token != null) {
      String[] p = token.substring(1).split("\\.");
      gen = Integer.parseInt(p[0]);
      after = Long.parseLong(p[1]);
      upTo = seq.get();
      offset = 0;
      since = Long.MIN_VALUE;
    } else {
      gen = generation.get();
      after = 0;
      upTo = seq.get();
      offset = 0;
      Matcher ge = RECEIVED_GE.matcher(params.getOrDefault("$filter", ""));
      since = ge.find() ? Instant.parse(ge.group(1)).toEpochMilli() : Long.MIN_VALUE;
    }
    if (gen != generation.get()) {
      return json(
          410,
          graphError(
              "SyncStateNotFound",
              "The sync state generation is out of date. Restart the sync without a token."));
    }
    final long from = after;
    final long to = upTo;
    final long sinceMillis = since;
    List<Message> round =
        messages.values().stream()
            .filter(m -> "inbox".equals(m.folder) && m.seq > from && m.seq <= to)
            .filter(m -> m.receivedAt.toEpochMilli() >= sinceMillis)
            .sorted(Comparator.comparingLong((Message m) -> m.seq))
            .toList();
    int end = Math.min(round.size(), offset + DELTA_PAGE_SIZE);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode value = body.putArray("value");
    for (Message m : round.subList(Math.min(offset, round.size()), end)) {
      ObjectNode item = value.addObject();
      item.put("@odata.type", "#microsoft.graph.message");
      item.put("id", m.id);
      item.put("receivedDateTime", m.receivedAt.toString());
      item.put("isDraft", false);
      item.putObject("from").putObject("emailAddress").put("address", m.from);
    }
    String link = graphUrl() + "/me/mailFolders/inbox/messages/delta?";
    if (end < round.size()) {
      body.put(
          "@odata.nextLink",
          link
              + "$skiptoken="
              + URLEncoder.encode(
                  "g" + gen + "." + after + "." + upTo + "." + end + "." + since,
                  StandardCharsets.UTF_8));
    } else {
      body.put("@odata.deltaLink", link + "$deltatoken=g" + gen + "." + upTo);
    }
    return json(200, body.toString());
  }

  // ---- answers ----------------------------------------------------------------------------------

  private String newId() {
    return "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A" + ids.incrementAndGet() + "AAA=";
  }

  private static Reply json(int status, String body) {
    return new Reply(status, body, Map.of());
  }

  private static void respond(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .set(
            "Content-Type",
            reply.body().startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
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
      values.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }
}
