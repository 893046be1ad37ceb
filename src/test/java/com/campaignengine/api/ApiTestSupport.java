package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.engine.TransportResolver;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real application on a fresh PostgreSQL database, served by a real {@link ApiServer} on an
 * ephemeral port, and an HTTP client that speaks to it with the workspace's key. Subclasses extend
 * {@link ServerPerTest} or {@link OutboxServerPerTest} for a server per test or, when their tests
 * write nothing the others could see, call {@link #startServer} and {@link #stopServer} once per
 * class.
 */
abstract class ApiTestSupport {
  static final String KEY = "test-key-0123456789abcdef";

  /** Monday 2026-03-02 09:00 in New York. */
  static final Instant START = Instant.parse("2026-03-02T14:00:00Z");

  static final ObjectMapper JSON = new ObjectMapper();

  Path dataDir;
  MutableClock clock;
  TestNode app;
  ApiServer server;
  HttpClient client;

  /** An answer: status, headers and the body as JSON. */
  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    String field() {
      return body.path("field").asText(null);
    }
  }

  void startServer(Path dataDir) {
    startServer(dataDir, null);
  }

  /** {@code transports} null: the outbox transport, writing .eml files into dataDir/outbox. */
  void startServer(Path dataDir, TransportResolver transports) {
    startServer(dataDir, transports, null, 0);
  }

  /** With an AI model ({@code model}) and a daily budget of model calls per workspace. */
  void startServer(
      Path dataDir,
      TransportResolver transports,
      com.campaignengine.personalize.Personalizer model,
      int aiBudget) {
    this.dataDir = dataDir;
    clock = new MutableClock(START);
    app =
        model == null
            ? TestApplications.open(dataDir, clock, transports)
            : TestApplications.open(
                com.campaignengine.testing.TestPostgres.newDatabaseUrl(),
                dataDir,
                clock,
                transports,
                "test-node",
                model,
                aiBudget);
    assertThat(app.workspaces.createFirstWorkspace(KEY)).contains(KEY);
    server = new ApiServer(app.api(), 0, clock);
    server.start();
    client = HttpClient.newHttpClient();
  }

  void stopServer() {
    if (server != null) {
      server.close();
    }
    if (app != null) {
      app.close();
    }
  }

  /**
   * A server for each test, its mailboxes sending into {@link #transport}, which keeps every
   * message (subclasses may override {@link #transports()}).
   */
  abstract static class ServerPerTest extends ApiTestSupport {
    final InMemoryTransport transport = new InMemoryTransport().keepMessages(true);

    TransportResolver transports() {
      return mailbox -> transport;
    }

    /** The first message sent to {@code address}. */
    OutgoingMessage sentTo(String address) {
      return transport.messages().stream()
          .filter(m -> m.to().email().equals(address))
          .findFirst()
          .orElseThrow();
    }

    @BeforeEach
    void startServerForTest(@TempDir Path dir) {
      startServer(dir, transports());
    }

    @AfterEach
    void stopServerAfterTest() {
      stopServer();
    }
  }

  /** A server for each test, its mailboxes writing .eml files into dataDir/outbox. */
  abstract static class OutboxServerPerTest extends ServerPerTest {
    @Override
    TransportResolver transports() {
      return null;
    }
  }

  Answer get(String path) {
    return send(request(path).GET());
  }

  Answer post(String path, String json) {
    return send(
        request(path).header("Content-Type", "application/json; charset=UTF-8").POST(body(json)));
  }

  Answer post(String path, Object json) {
    return post(path, write(json));
  }

  Answer put(String path, String json) {
    return send(
        request(path).header("Content-Type", "application/json; charset=UTF-8").PUT(body(json)));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + KEY);
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + server.port() + path);
  }

  static HttpRequest.BodyPublisher body(String text) {
    return HttpRequest.BodyPublishers.ofString(text);
  }

  /** A JSON POST to {@code path}, to send with {@link #send} or {@link #as}. */
  HttpRequest.Builder postJson(String path, String json) {
    return request(path).header("Content-Type", "application/json").POST(body(json));
  }

  /** The request sent with {@code key} instead of the workspace's owner key. */
  Answer as(String key, HttpRequest.Builder request) {
    return send(request.setHeader("Authorization", "Bearer " + key));
  }

  Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    } catch (IOException e) {
      throw new AssertionError("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A GET of {@code url}'s path on this server as a recipient's mail client or browser makes it:
   * without the API key, with this User-Agent (none if null).
   */
  HttpResponse<String> visit(String url, String userAgent) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(URI.create(url).getPath()));
    if (userAgent != null) {
      request.header("User-Agent", userAgent);
    }
    try {
      return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The open-tracking pixel's URL in an email's HTML. */
  static String pixelUrl(String html) {
    return first(Pattern.compile("<img src=\"([^\"]*/t/o/[^\"]+)\""), html);
  }

  /** The first tracked link's URL in an email's HTML. */
  static String clickUrl(String html) {
    return first(Pattern.compile("href=\"([^\"]*/t/c/[^\"]+)\""), html);
  }

  static String first(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as(pattern.pattern()).isTrue();
    return matcher.group(1);
  }

  // ---- fixtures -------------------------------------------------------------------------------

  /** The campaign of {@link #campaignJson}, sending from {@code mailbox}; returns its id. */
  String createCampaignFrom(String mailbox) {
    return post("/api/v1/campaigns", campaignJson("[\"" + mailbox + "\"]"))
        .body()
        .get("id")
        .asText();
  }

  void activate(String campaign) {
    post("/api/v1/campaigns/" + campaign + "/activate", "");
  }

  void enrollIn(String campaign, String... people) {
    post(
        "/api/v1/campaigns/" + campaign + "/enrollments",
        "{\"person_ids\": [\"" + String.join("\", \"", people) + "\"]}");
  }

  /** A reply from the recipient of {@code to}, pushed through the generic webhook. */
  void replyTo(String mailbox, OutgoingMessage to, String subject, String text) {
    String raw =
        "From: "
            + to.to().email()
            + "\r\nTo: "
            + to.from().email()
            + "\r\nSubject: "
            + subject
            + "\r\nMessage-ID: <r-"
            + to.to().email()
            + ">\r\nIn-Reply-To: "
            + to.messageId()
            + "\r\n\r\n"
            + text
            + "\r\n";
    assertThat(pushInbound(mailbox, raw).status()).isEqualTo(200);
  }

  /** A Resend webhook event, signed as Svix signs it with the test secret. */
  Answer pushResendEvent(String svixId, String body) {
    long timestamp = app.clock().instant().getEpochSecond();
    String signature =
        com.campaignengine.tracking.WebhookSignatures.signSvix(
            body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            svixId,
            timestamp,
            TestApplications.RESEND_WEBHOOK_SECRET);
    return send(
        HttpRequest.newBuilder(uri("/api/v1/inbound/resend"))
            .header("svix-id", svixId)
            .header("svix-timestamp", String.valueOf(timestamp))
            .header("svix-signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A raw message arriving at {@code mailboxId}, pushed through the signed generic webhook. */
  Answer pushInbound(String mailboxId, String rawMessage) {
    String body =
        "{\"mailbox_id\":\""
            + mailboxId
            + "\",\"raw\":\""
            + java.util.Base64.getEncoder()
                .encodeToString(rawMessage.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "\"}";
    String signature =
        "sha256="
            + com.campaignengine.tracking.WebhookSignatures.signHmacSha256Hex(
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                TestApplications.WEBHOOK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(uri("/api/v1/inbound/generic"))
            .header("X-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  String createMailbox() {
    Answer mailbox =
        post(
            "/api/v1/mailboxes",
            """
            {"provider": "outbox", "email": "ada@recruit.example", "display_name": "Ada Lovelace"}
            """);
    assertThat(mailbox.status()).as(mailbox.raw().body()).isEqualTo(201);
    return mailbox.body().get("id").asText();
  }

  /** An SMTP mailbox created with {@code key}: the key's user owns it (a service key: nobody). */
  String mailboxOf(String key, String email) {
    Answer created =
        as(
            key,
            postJson(
                "/api/v1/mailboxes",
                """
                {"provider": "smtp", "email": "%s", "display_name": "Box",
                 "smtp": {"host": "smtp.recruit.example", "port": 587, "username": "u",
                          "password": "secret-password", "security": "starttls"}}
                """
                    .formatted(email)));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  String createPerson(String email, String firstName) {
    Answer person =
        post(
            "/api/v1/people",
            "{\"email_address\": \""
                + email
                + "\", \"first_name\": \""
                + firstName
                + "\","
                + " \"timezone\": \"America/New_York\"}");
    assertThat(person.status()).as(person.raw().body()).isEqualTo(201);
    return person.body().get("id").asText();
  }

  /** The four-step campaign of design §5.1 (email, wait 2 business days, replied?, email). */
  static String campaignJson(String mailboxIdsJson) {
    return """
        {"name": "Backend engineers", "mailbox_ids": %s, "timezone": "America/New_York",
         "sending_window": {"days": ["MON","TUE","WED","THU","FRI"], "start": "09:00", "end": "17:00"},
         "steps": [
           {"key": "intro", "type": "email", "subject": "Quick question, {{first_name}}",
            "body": "Hi {{first_name}}, are you open to a chat?"},
           {"key": "pause", "type": "wait", "wait_duration": 2, "wait_unit": "business_days",
            "business_hours_only": true},
           {"key": "check", "type": "condition", "condition_type": "replied",
            "true_next_step": null, "false_next_step": "bump"},
           {"key": "bump", "type": "email", "subject": "Re: Quick question, {{first_name}}",
            "body": "Just bumping this, {{first_name}}.", "same_thread": true}]}
        """
        .formatted(mailboxIdsJson);
  }

  int count(String listPath) {
    Answer list = get(listPath);
    assertThat(list.status()).isEqualTo(200);
    return list.body().get("items").size();
  }

  static List<JsonNode> items(Answer answer) {
    List<JsonNode> items = new ArrayList<>();
    answer.body().get("items").forEach(items::add);
    return items;
  }
}
