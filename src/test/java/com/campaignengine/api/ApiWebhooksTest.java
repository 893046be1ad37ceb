package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.WebhookReceiver;
import com.campaignengine.testing.WebhookReceiver.Received;
import com.campaignengine.webhooks.WebhookDispatcher;
import com.campaignengine.webhooks.WebhookListener;
import com.campaignengine.webhooks.WebhookSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound webhooks end to end: subscribed over the API, events recorded by the engine, tracking
 * and the inbound pipeline, captured in their own transactions, and POSTed by a dispatcher to a
 * real local receiver, which verifies each signature by recomputing the HMAC itself.
 */
class ApiWebhooksTest extends ApiTestSupport.ServerPerTest {
  private static final String ALL_BUT_OPENS =
      "[\"email.sent\", \"email.clicked\", \"email.replied\", \"email.bounced\","
          + " \"lead.unsubscribed\", \"enrollment.finished\"]";

  private final WebhookReceiver receiver = new WebhookReceiver();
  private WebhookDispatcher dispatcher;
  private String mailbox;

  @BeforeEach
  void createData() {
    mailbox = createMailbox();
    dispatcher =
        app.newWebhookDispatcher(
            WebhookSettings.builder()
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .lease(Duration.ofSeconds(30))
                .build(),
            "test-node",
            WebhookListener.NONE);
  }

  @AfterEach
  void stopWebhooks() {
    dispatcher.close();
    receiver.close();
  }

  // ---- fixtures -------------------------------------------------------------------------------

  private Answer subscribe(String path, String eventsJson) {
    return post("/api/v1/webhooks", subscription(path, eventsJson));
  }

  /** Subscribes as the workspace with {@code key}. */
  private Answer subscribeAs(String key, String path, String eventsJson) {
    return send(
        HttpRequest.newBuilder(uri("/api/v1/webhooks"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(subscription(path, eventsJson))));
  }

  private String subscription(String path, String eventsJson) {
    return "{\"url\": \"" + receiver.url(path) + "\", \"events\": " + eventsJson + "}";
  }

  private Answer patch(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  private Answer delete(String path) {
    return send(request(path).DELETE());
  }

  /** Intro (tracked, with one link), two days, a bump: enrollments stay active after the intro. */
  private String startCampaign(String... personIds) {
    String campaign =
        post(
                "/api/v1/campaigns",
                "{\"name\": \"Hooks\", \"mailbox_ids\": [\""
                    + mailbox
                    + "\"], \"track_opens\": true, \"track_clicks\": true, \"steps\": ["
                    + "{\"key\": \"intro\", \"type\": \"email\", \"subject\": \"Hi {{first_name}}\","
                    + " \"body\": \"Hi {{first_name}}\", \"body_html\": \"<html><body><p>Hi"
                    + " {{first_name}}, see <a href=\\\"https://jobs.example/role\\\">the"
                    + " role</a>.</p></body></html>\"},"
                    + "{\"key\": \"pause\", \"type\": \"wait\", \"wait_duration\": 2,"
                    + " \"wait_unit\": \"days\"},"
                    + "{\"key\": \"bump\", \"type\": \"email\", \"subject\": \"Re: Hi\","
                    + " \"body\": \"Bump\"}]}")
            .body()
            .get("id")
            .asText();
    activate(campaign);
    post(
        "/api/v1/campaigns/" + campaign + "/enrollments",
        "{\"person_ids\": [\"" + String.join("\", \"", personIds) + "\"]}");
    app.engine().runUntilIdle();
    return campaign;
  }

  /** The one-click unsubscribe a mail client posts (RFC 8058) to the List-Unsubscribe URL. */
  private HttpResponse<String> unsubscribeOneClick(String publicUrl, String userAgent)
      throws Exception {
    URI local = URI.create("http://localhost:" + server.port() + URI.create(publicUrl).getPath());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(local)
            .header("User-Agent", userAgent)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void pushReply(OutgoingMessage to, String from) {
    String raw =
        "From: "
            + from
            + "\r\nTo: "
            + to.from().email()
            + "\r\nSubject: Re: hi\r\nMessage-ID: <r1@navy.example>\r\nIn-Reply-To: "
            + to.messageId()
            + "\r\n\r\nYes, let's talk!\r\n";
    Answer answer = pushInbound(mailbox, raw);
    assertThat(answer.body().path("outcome").asText()).isEqualTo("reply");
  }

  /** A permanent bounce as Resend pushes it (our in-memory provider's email id = Message-ID). */
  private void pushBounce(OutgoingMessage to) {
    String body =
        "{\"type\":\"email.bounced\",\"created_at\":\"2026-03-02T14:05:00Z\",\"data\":{"
            + "\"email_id\":\""
            + to.messageId()
            + "\",\"bounce\":{\"type\":\"Permanent\",\"message\":\"550 5.1.1 user unknown\"}}}";
    Answer answer = pushResendEvent("msg_b1", body);
    assertThat(answer.body().path("outcome").asText()).isEqualTo("bounce");
  }

  private void deliverAll() {
    while (dispatcher.deliverDueOnce() > 0) {
      // each turn sends what is due; attempts that succeed leave nothing due
    }
  }

  private static JsonNode json(Received request) {
    try {
      return JSON.readTree(request.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, List<JsonNode>> byType(List<Received> requests) {
    Map<String, List<JsonNode>> types = new HashMap<>();
    for (Received request : requests) {
      JsonNode body = json(request);
      types.computeIfAbsent(body.get("type").asText(), t -> new ArrayList<>()).add(body);
    }
    return types;
  }

  private long deliveriesInDatabase() {
    return Sql.count(app.database().dataSource(), "SELECT count(*) FROM webhook_deliveries");
  }

  // ---- tests ----------------------------------------------------------------------------------

  @Test
  void every_subscribed_event_reaches_its_receiver_signed_and_nothing_else_does() throws Exception {
    Answer crm = subscribe("/crm", ALL_BUT_OPENS);
    assertThat(crm.status()).as(crm.raw().body()).isEqualTo(201);
    String crmSecret = crm.body().get("secret").asText();
    assertThat(crmSecret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(crmSecret.substring(6))).hasSize(32);
    Answer opens = subscribe("/opens", "[\"email.opened\"]");
    String opensSecret = opens.body().get("secret").asText();

    String grace = createPerson("grace@navy.example", "Grace");
    String ada = createPerson("ada@analytical.example", "Ada");
    String linus = createPerson("linus@kernel.example", "Linus");
    String campaign = startCampaign(grace, ada, linus);
    assertThat(transport.messages()).hasSize(3);

    // Grace opens (an hour later: not a scanner), clicks and replies; Ada bounces; Linus leaves.
    OutgoingMessage toGrace = sentTo("grace@navy.example");
    clock.advance(Duration.ofHours(1));
    String desktop = "Mozilla/5.0 (Windows NT 10.0) Firefox/131";
    String pixel = pixelUrl(toGrace.body().html());
    assertThat(visit(pixel, desktop).statusCode()).isEqualTo(200);
    String click = clickUrl(toGrace.body().html());
    assertThat(visit(click, desktop).statusCode()).isEqualTo(302);
    pushReply(toGrace, "grace@navy.example");
    pushBounce(sentTo("ada@analytical.example"));
    String listUnsubscribe = sentTo("linus@kernel.example").extraHeaders().get("List-Unsubscribe");
    String unsubscribe =
        listUnsubscribe.substring(listUnsubscribe.indexOf('<') + 1, listUnsubscribe.indexOf('>'));
    assertThat(unsubscribeOneClick(unsubscribe, desktop).statusCode()).isEqualTo(200);

    deliverAll();

    List<Received> toCrm = receiver.received("/crm");
    Map<String, List<JsonNode>> crmTypes = byType(toCrm);
    assertThat(crmTypes.keySet())
        .containsExactlyInAnyOrder(
            "email.sent",
            "email.clicked",
            "email.replied",
            "email.bounced",
            "lead.unsubscribed",
            "enrollment.finished");
    assertThat(crmTypes.get("email.sent")).hasSize(3);
    assertThat(crmTypes.get("email.clicked")).hasSize(1);
    assertThat(crmTypes.get("email.replied")).hasSize(1);
    assertThat(crmTypes.get("email.bounced")).hasSize(1);
    assertThat(crmTypes.get("lead.unsubscribed")).hasSize(1);
    assertThat(crmTypes.get("enrollment.finished")).hasSize(3);
    List<Received> toOpens = receiver.received("/opens");
    assertThat(byType(toOpens).keySet()).containsExactly("email.opened");
    assertThat(toOpens).hasSize(1);

    // Signed with each subscription's own secret, Standard Webhooks headers, one id per delivery.
    assertThat(toCrm).allSatisfy(r -> assertThat(WebhookReceiver.verifies(r, crmSecret)).isTrue());
    assertThat(toCrm)
        .noneSatisfy(r -> assertThat(WebhookReceiver.verifies(r, opensSecret)).isTrue());
    assertThat(toOpens)
        .allSatisfy(r -> assertThat(WebhookReceiver.verifies(r, opensSecret)).isTrue());
    assertThat(receiver.received())
        .allSatisfy(
            r -> {
              assertThat(r.contentType()).isEqualTo("application/json");
              assertThat(r.userAgent()).startsWith("campaign-engine-webhooks/");
              assertThat(r.webhookId()).matches("msg_[0-9]+");
              assertThat(Long.parseLong(r.timestamp())).isEqualTo(clock.instant().getEpochSecond());
            });
    assertThat(receiver.received().stream().map(Received::webhookId).distinct()).hasSize(11);

    // What each event says.
    JsonNode sentToGrace =
        crmTypes.get("email.sent").stream()
            .filter(e -> e.at("/data/email").asText().equals("grace@navy.example"))
            .findFirst()
            .orElseThrow();
    assertThat(sentToGrace.at("/data/campaign_id").asText()).isEqualTo(campaign);
    assertThat(sentToGrace.at("/data/person_id").asText()).isEqualTo(grace);
    assertThat(sentToGrace.at("/data/enrollment_id").asText()).matches("[0-9]+");
    assertThat(sentToGrace.at("/data/workspace_id").asText()).matches("[0-9]+");
    assertThat(sentToGrace.at("/data/step_key").asText()).isEqualTo("intro");
    assertThat(sentToGrace.at("/data/message_id").asText()).isEqualTo(toGrace.messageId());
    assertThat(sentToGrace.get("timestamp").asText())
        .isEqualTo(sentToGrace.at("/data/occurred_at").asText());
    JsonNode clicked = crmTypes.get("email.clicked").get(0);
    assertThat(clicked.at("/data/url").asText()).isEqualTo("https://jobs.example/role");
    assertThat(clicked.at("/data/person_id").asText()).isEqualTo(grace);
    JsonNode opened = json(toOpens.get(0));
    assertThat(opened.at("/data/likely_machine").asBoolean()).isFalse();
    assertThat(opened.at("/data/message_id").asText()).isEqualTo(toGrace.messageId());
    JsonNode replied = crmTypes.get("email.replied").get(0);
    assertThat(replied.at("/data/classification").asText()).isEqualTo("reply");
    assertThat(replied.at("/data/reply_message_id").asText()).isEqualTo("<r1@navy.example>");
    assertThat(replied.at("/data/message_id").asText()).isEqualTo(toGrace.messageId());
    assertThat(replied.at("/data/step_key").asText()).isEqualTo("intro");
    JsonNode bounced = crmTypes.get("email.bounced").get(0);
    assertThat(bounced.at("/data/person_id").asText()).isEqualTo(ada);
    assertThat(bounced.at("/data/hard").asBoolean()).isTrue();
    JsonNode unsubscribed = crmTypes.get("lead.unsubscribed").get(0);
    assertThat(unsubscribed.at("/data/person_id").asText()).isEqualTo(linus);
    assertThat(unsubscribed.at("/data/email").asText()).isEqualTo("linus@kernel.example");
    assertThat(unsubscribed.at("/data/reason").asText()).isEqualTo("unsubscribed");
    assertThat(unsubscribed.at("/data/campaign_id").asText()).isEqualTo(campaign);
    assertThat(
            crmTypes.get("enrollment.finished").stream()
                .collect(
                    Collectors.toMap(
                        e -> e.at("/data/person_id").asText(), e -> e.at("/data/status").asText())))
        .isEqualTo(Map.of(grace, "replied", ada, "bounced", linus, "unsubscribed"));

    // Listed with their status.
    String crmId = crm.body().get("id").asText();
    Answer listed = get("/api/v1/webhooks/" + crmId + "/deliveries?status=delivered");
    assertThat(items(listed)).hasSize(10);
    assertThat(items(listed))
        .allSatisfy(
            d -> {
              assertThat(d.get("attempts").asInt()).isEqualTo(1);
              assertThat(d.get("last_http_status").asInt()).isEqualTo(204);
              assertThat(d.get("delivered_at").isNull()).isFalse();
              assertThat(d.get("next_attempt_at").isNull()).isTrue();
            });
    assertThat(items(get("/api/v1/webhooks/" + crmId + "/deliveries?status=pending"))).isEmpty();
    assertThat(dispatcher.deliverDueOnce()).as("nothing left to send").isZero();
  }

  @Test
  void nothing_is_captured_for_events_no_active_subscription_of_the_workspace_wants() {
    // Another workspace wants every email sent; this one only replies, and has switched off a
    // subscription to sends.
    String otherKey = app.workspaces.createWorkspace("other");
    Answer other = subscribeAs(otherKey, "/other", "[\"email.sent\", \"enrollment.finished\"]");
    assertThat(other.status()).isEqualTo(201);
    subscribe("/replies", "[\"email.replied\"]");
    String off = subscribe("/off", "[\"email.sent\"]").body().get("id").asText();
    assertThat(patch("/api/v1/webhooks/" + off, "{\"active\": false}").status()).isEqualTo(200);

    startCampaign(createPerson("grace@navy.example", "Grace"));

    assertThat(transport.messages()).hasSize(1);
    assertThat(deliveriesInDatabase()).isZero();
    assertThat(dispatcher.deliverDueOnce()).isZero();
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void the_secret_is_shown_once_and_the_subscription_can_be_changed_and_deleted() {
    Answer created = subscribe("/crm", "[\"email.sent\", \"email.sent\"]");
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    String secret = created.body().get("secret").asText();
    assertThat(created.body().get("events").toString()).isEqualTo("[\"email.sent\"]");
    assertThat(created.body().get("active").asBoolean()).isTrue();

    Answer fetched = get("/api/v1/webhooks/" + id);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body().has("secret")).isFalse();
    assertThat(items(get("/api/v1/webhooks")))
        .singleElement()
        .satisfies(s -> assertThat(s.has("secret")).isFalse());
    assertThat(secret).startsWith("whsec_");
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM webhook_subscriptions"
                    + " WHERE position(convert_to('whsec_', 'UTF8') IN secret) > 0"
                    + " OR position(convert_to('"
                    + secret.substring(6, 22)
                    + "', 'UTF8') IN secret) > 0"))
        .as("stored sealed")
        .isZero();

    Answer changed =
        patch(
            "/api/v1/webhooks/" + id,
            "{\"url\": \""
                + receiver.url("/ats")
                + "\", \"events\": [\"email.replied\", \"enrollment.finished\"],"
                + " \"description\": \"ATS\"}");
    assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
    assertThat(changed.body().get("url").asText()).isEqualTo(receiver.url("/ats"));
    assertThat(changed.body().get("events").toString())
        .isEqualTo("[\"email.replied\",\"enrollment.finished\"]");
    assertThat(changed.body().get("description").asText()).isEqualTo("ATS");
    Answer off = patch("/api/v1/webhooks/" + id, "{\"active\": false, \"description\": null}");
    assertThat(off.body().get("active").asBoolean()).isFalse();
    assertThat(off.body().get("description").isNull()).isTrue();
    assertThat(off.body().get("disabled_reason").asText()).isNotBlank();

    Answer deleted = delete("/api/v1/webhooks/" + id);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
    assertThat(delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
    assertThat(items(get("/api/v1/webhooks"))).isEmpty();
  }

  @Test
  void bad_input_gets_a_refusal_naming_the_field_and_creates_nothing() {
    record Case(String body, int status, String field) {}
    String url = "\"" + receiver.url("/crm") + "\"";
    List<Case> cases =
        List.of(
            new Case("{\"events\": [\"email.sent\"]}", 422, "url"),
            new Case("{\"url\": \"ftp://x.example/h\", \"events\": [\"email.sent\"]}", 422, "url"),
            new Case("{\"url\": \"/relative\", \"events\": [\"email.sent\"]}", 422, "url"),
            new Case("{\"url\": \"http://exa mple\", \"events\": [\"email.sent\"]}", 422, "url"),
            new Case(
                "{\"url\": \"https://u:p@x.example/h\", \"events\": [\"email.sent\"]}", 422, "url"),
            new Case("{\"url\": 7, \"events\": [\"email.sent\"]}", 400, "url"),
            new Case("{\"url\": " + url + "}", 422, "events"),
            new Case("{\"url\": " + url + ", \"events\": []}", 422, "events"),
            new Case(
                "{\"url\": " + url + ", \"events\": [\"email.sent\", \"email.exploded\"]}",
                422,
                "events[1]"),
            new Case("{\"url\": " + url + ", \"events\": \"email.sent\"}", 400, "events"),
            new Case("{\"url\": " + url + ", \"events\": [42]}", 400, "events[0]"),
            new Case(
                "{\"url\": " + url + ", \"events\": [\"email.sent\"], \"secret\": \"mine\"}",
                422,
                "secret"),
            new Case(
                "{\"url\": "
                    + url
                    + ", \"events\": [\"email.sent\"], \"description\": \""
                    + "d".repeat(501)
                    + "\"}",
                422,
                "description"),
            new Case("[1]", 400, "body"));
    for (Case c : cases) {
      Answer answer = post("/api/v1/webhooks", c.body());
      assertThat(answer.status()).as(c.body()).isEqualTo(c.status());
      assertThat(answer.field()).as(c.body()).isEqualTo(c.field());
      assertThat(answer.body().get("error").asText()).isNotBlank().doesNotContain("Exception");
    }
    assertThat(items(get("/api/v1/webhooks"))).isEmpty();
    assertThat(Sql.count(app.database().dataSource(), "SELECT count(*) FROM webhook_subscriptions"))
        .isZero();

    // A change is checked the same way and leaves the subscription as it was.
    String id = subscribe("/crm", "[\"email.sent\"]").body().get("id").asText();
    String before = get("/api/v1/webhooks/" + id).body().toString();
    assertThat(patch("/api/v1/webhooks/" + id, "{\"url\": \"mailto:a@b.example\"}").field())
        .isEqualTo("url");
    assertThat(patch("/api/v1/webhooks/" + id, "{\"events\": [\"email.sent\", \"nope\"]}").field())
        .isEqualTo("events[1]");
    assertThat(patch("/api/v1/webhooks/" + id, "{\"active\": \"yes\"}").status()).isEqualTo(400);
    assertThat(patch("/api/v1/webhooks/" + id, "{\"activ\": false}").field()).isEqualTo("activ");
    assertThat(get("/api/v1/webhooks/" + id).body().toString()).isEqualTo(before);
    Answer badStatus = get("/api/v1/webhooks/" + id + "/deliveries?status=lost");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.field()).isEqualTo("status");
  }

  @Test
  void another_workspaces_webhook_is_not_found_and_left_alone() {
    String otherKey = app.workspaces.createWorkspace("other");
    Answer theirs = subscribeAs(otherKey, "/x", "[\"email.sent\"]");
    assertThat(theirs.status()).isEqualTo(201);
    String id = theirs.body().get("id").asText();
    long deliveryId =
        Sql.count(
            app.database().dataSource(),
            "WITH d AS (INSERT INTO webhook_deliveries (workspace_id, subscription_id, event_type,"
                + " payload, status, attempts, occurred_at, created_at, finished_at)"
                + " SELECT workspace_id, id, 'email.sent', '{}', 'failed', 10, now(), now(), now()"
                + " FROM webhook_subscriptions WHERE id = "
                + id
                + " RETURNING id) SELECT id FROM d");

    assertThat(items(get("/api/v1/webhooks"))).isEmpty();
    for (Answer answer :
        List.of(
            get("/api/v1/webhooks/" + id),
            patch("/api/v1/webhooks/" + id, "{\"active\": false}"),
            get("/api/v1/webhooks/" + id + "/deliveries"),
            post("/api/v1/webhooks/" + id + "/deliveries/" + deliveryId + "/retry", ""),
            delete("/api/v1/webhooks/" + id))) {
      assertThat(answer.status()).as(answer.raw().body()).isEqualTo(404);
    }
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM webhook_subscriptions WHERE active AND id = " + id))
        .isEqualTo(1);
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM webhook_deliveries WHERE status = 'failed'"))
        .isEqualTo(1);
  }
}
