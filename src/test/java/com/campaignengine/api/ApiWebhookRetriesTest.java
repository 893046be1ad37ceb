package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.Sql;
import com.campaignengine.testing.WebhookReceiver;
import com.campaignengine.testing.WebhookReceiver.Received;
import com.campaignengine.testing.WebhookReceiver.Reply;
import com.campaignengine.webhooks.WebhookDispatcher;
import com.campaignengine.webhooks.WebhookListener;
import com.campaignengine.webhooks.WebhookSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver that fails: every kind of failure is retried with backoff on the test's clock until it
 * accepts; after the last attempt the delivery is failed, listed with its error, and a manual retry
 * sends it again; a 410 Gone switches the subscription off.
 */
class ApiWebhookRetriesTest extends ApiTestSupport.ServerPerTest {
  private static final WebhookSettings FAST =
      WebhookSettings.builder()
          .timeouts(Duration.ofSeconds(1), Duration.ofMillis(300))
          .lease(Duration.ofSeconds(10))
          .build();

  private final WebhookReceiver receiver = new WebhookReceiver();
  private WebhookDispatcher dispatcher;
  private String mailbox;
  private String campaign;
  private String subscription;
  private String secret;

  @BeforeEach
  void createData() {
    mailbox = createMailbox();
    Answer created =
        post(
            "/api/v1/webhooks",
            "{\"url\": \"" + receiver.url("/hook") + "\", \"events\": [\"email.sent\"]}");
    subscription = created.body().get("id").asText();
    secret = created.body().get("secret").asText();
    campaign =
        post(
                "/api/v1/campaigns",
                "{\"name\": \"One\", \"mailbox_ids\": [\""
                    + mailbox
                    + "\"], \"steps\": [{\"key\": \"intro\", \"type\": \"email\","
                    + " \"subject\": \"Hi\", \"body\": \"Hi {{first_name}}\"}]}")
            .body()
            .get("id")
            .asText();
    activate(campaign);
  }

  @AfterEach
  void stopWebhooks() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    receiver.close();
  }

  private void enroll(String... emails) {
    StringBuilder ids = new StringBuilder();
    for (String email : emails) {
      ids.append(ids.length() == 0 ? "\"" : ", \"")
          .append(createPerson(email, email.substring(0, email.indexOf('@'))))
          .append('"');
    }
    post("/api/v1/campaigns/" + campaign + "/enrollments", "{\"person_ids\": [" + ids + "]}");
    app.engine().runUntilIdle();
  }

  private void useDispatcher(WebhookSettings settings) {
    dispatcher = app.newWebhookDispatcher(settings, "test-node", WebhookListener.NONE);
  }

  private List<JsonNode> deliveries(String status) {
    Answer answer =
        get(
            "/api/v1/webhooks/"
                + subscription
                + "/deliveries"
                + (status == null ? "" : "?status=" + status));
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    return items(answer);
  }

  private JsonNode onlyDelivery() {
    List<JsonNode> all = deliveries(null);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static Instant nextAttempt(JsonNode delivery) {
    return Instant.parse(delivery.get("next_attempt_at").asText());
  }

  private Answer patch(String json) {
    return send(
        request("/api/v1/webhooks/" + subscription)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void each_kind_of_failure_is_retried_with_backoff_until_the_receiver_accepts() throws Exception {
    useDispatcher(FAST);
    enroll("grace@navy.example");
    receiver.then(Reply.status(500), Reply.status(429, "Retry-After", "120"), Reply.stalled());

    // 1: HTTP 500 -> the first pause, 30 s plus up to a fifth of it.
    assertThat(dispatcher.deliverDueOnce()).isEqualTo(1);
    JsonNode first = onlyDelivery();
    assertThat(first.get("status").asText()).isEqualTo("pending");
    assertThat(first.get("attempts").asInt()).isEqualTo(1);
    assertThat(first.get("last_http_status").asInt()).isEqualTo(500);
    assertThat(first.get("last_error").asText()).isEqualTo("HTTP 500");
    assertThat(nextAttempt(first))
        .isBetween(clock.instant().plusSeconds(30), clock.instant().plusSeconds(36));
    assertThat(dispatcher.deliverDueOnce()).as("not due before its time").isZero();

    // 2: 429 with Retry-After: 120 -> exactly then.
    clock.set(nextAttempt(first));
    assertThat(dispatcher.deliverDueOnce()).isEqualTo(1);
    JsonNode second = onlyDelivery();
    assertThat(second.get("attempts").asInt()).isEqualTo(2);
    assertThat(second.get("last_http_status").asInt()).isEqualTo(429);
    assertThat(nextAttempt(second)).isEqualTo(clock.instant().plusSeconds(120));

    // 3: no answer within the request timeout -> the third pause, 10 min.
    clock.set(nextAttempt(second));
    assertThat(dispatcher.deliverDueOnce()).isEqualTo(1);
    receiver.release();
    JsonNode third = onlyDelivery();
    assertThat(third.get("attempts").asInt()).isEqualTo(3);
    assertThat(third.get("last_http_status").isNull()).isTrue();
    assertThat(third.get("last_error").asText()).isEqualTo("timed out");
    assertThat(nextAttempt(third))
        .isBetween(clock.instant().plusSeconds(600), clock.instant().plusSeconds(720));

    // 4: connection refused (the URL now points at a closed port) -> the fourth pause, 1 h.
    String good = receiver.url("/hook");
    assertThat(patch("{\"url\": \"http://127.0.0.1:" + closedPort() + "/hook\"}").status())
        .isEqualTo(200);
    clock.set(nextAttempt(third));
    assertThat(dispatcher.deliverDueOnce()).isEqualTo(1);
    JsonNode fourth = onlyDelivery();
    assertThat(fourth.get("attempts").asInt()).isEqualTo(4);
    assertThat(fourth.get("last_error").asText()).contains("Connect");
    assertThat(nextAttempt(fourth))
        .isBetween(clock.instant().plusSeconds(3600), clock.instant().plusSeconds(4320));

    // 5: back at the receiver, which accepts.
    assertThat(patch("{\"url\": \"" + good + "\"}").status()).isEqualTo(200);
    clock.set(nextAttempt(fourth));
    assertThat(dispatcher.deliverDueOnce()).isEqualTo(1);
    JsonNode delivered = onlyDelivery();
    assertThat(delivered.get("status").asText()).isEqualTo("delivered");
    assertThat(delivered.get("attempts").asInt()).isEqualTo(5);
    assertThat(delivered.get("last_http_status").asInt()).isEqualTo(204);
    assertThat(delivered.get("last_error").isNull()).isTrue();
    assertThat(Instant.parse(delivered.get("delivered_at").asText())).isEqualTo(clock.instant());

    // Every attempt that arrived is the same message, signed anew with its own timestamp.
    List<Received> attempts = receiver.received("/hook");
    assertThat(attempts).hasSize(4);
    assertThat(attempts.stream().map(Received::webhookId).distinct())
        .containsExactly(delivered.get("webhook_id").asText());
    assertThat(attempts.stream().map(Received::body).distinct()).hasSize(1);
    assertThat(attempts.stream().map(Received::timestamp).distinct()).hasSize(4);
    assertThat(attempts).allSatisfy(r -> assertThat(WebhookReceiver.verifies(r, secret)).isTrue());
  }

  @Test
  void after_the_last_attempt_it_is_failed_and_listed_and_a_manual_retry_sends_it_again() {
    useDispatcher(
        WebhookSettings.builder()
            .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))
            .lease(Duration.ofSeconds(10))
            .retries(List.of(Duration.ofMinutes(1)), 3)
            .build());
    enroll("grace@navy.example");
    receiver.otherwise(Reply.status(503));
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(dispatcher.deliverDueOnce()).as("attempt " + attempt).isEqualTo(1);
      clock.advance(Duration.ofMinutes(2));
    }
    assertThat(dispatcher.deliverDueOnce()).as("no fourth attempt").isZero();
    assertThat(deliveries("pending")).isEmpty();
    List<JsonNode> failed = deliveries("failed");
    assertThat(failed).hasSize(1);
    JsonNode delivery = failed.get(0);
    assertThat(delivery.get("event_type").asText()).isEqualTo("email.sent");
    assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
    assertThat(delivery.get("last_http_status").asInt()).isEqualTo(503);
    assertThat(delivery.get("last_error").asText()).isEqualTo("HTTP 503");
    assertThat(delivery.get("next_attempt_at").isNull()).isTrue();
    assertThat(delivery.get("delivered_at").isNull()).isTrue();
    assertThat(receiver.received()).hasSize(3);

    String retry =
        "/api/v1/webhooks/"
            + subscription
            + "/deliveries/"
            + delivery.get("id").asText()
            + "/retry";
    assertThat(post("/api/v1/webhooks/" + subscription + "/deliveries/999999/retry", "").status())
        .isEqualTo(404);
    receiver.otherwise(Reply.status(200));
    Answer requeued = post(retry, "");
    assertThat(requeued.status()).as(requeued.raw().body()).isEqualTo(202);
    assertThat(requeued.body().get("status").asText()).isEqualTo("pending");
    assertThat(requeued.body().get("attempts").asInt()).isZero();
    assertThat(Instant.parse(requeued.body().get("next_attempt_at").asText()))
        .isEqualTo(clock.instant());
    Answer twice = post(retry, "");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.field()).isEqualTo("status");

    assertThat(dispatcher.deliverDueOnce()).isEqualTo(1);
    assertThat(deliveries("delivered")).hasSize(1);
    assertThat(post(retry, "").status()).as("a delivered one is not retried").isEqualTo(409);
    assertThat(receiver.received()).hasSize(4);
  }

  @Test
  void a_410_switches_the_subscription_off_holding_the_rest_until_it_is_switched_on()
      throws Exception {
    useDispatcher(
        WebhookSettings.builder()
            .concurrency(1)
            .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))
            .lease(Duration.ofSeconds(10))
            .build());
    enroll("grace@navy.example", "ada@analytical.example");
    receiver.then(Reply.status(410));

    assertThat(dispatcher.deliverDueOnce()).isEqualTo(1);
    JsonNode off = get("/api/v1/webhooks/" + subscription).body();
    assertThat(off.get("active").asBoolean()).isFalse();
    assertThat(off.get("disabled_reason").asText()).contains("410");
    assertThat(deliveries("failed"))
        .singleElement()
        .satisfies(d -> assertThat(d.get("last_http_status").asInt()).isEqualTo(410));
    assertThat(deliveries("pending"))
        .singleElement()
        .satisfies(d -> assertThat(d.get("next_attempt_at").isNull()).as("held").isTrue());
    clock.advance(Duration.ofDays(1));
    assertThat(dispatcher.deliverDueOnce()).as("held while off").isZero();

    // Events while it is off are not captured for it.
    enroll("linus@kernel.example");
    assertThat(transport.sentCount()).isEqualTo(3);
    assertThat(deliveries(null)).hasSize(2);

    Answer on = patch("{\"active\": true}");
    assertThat(on.body().get("active").asBoolean()).isTrue();
    assertThat(on.body().get("disabled_reason").isNull()).isTrue();
    assertThat(dispatcher.deliverDueOnce()).isEqualTo(1);
    assertThat(deliveries("delivered")).hasSize(1);
    String failedId = deliveries("failed").get(0).get("id").asText();
    assertThat(
            post("/api/v1/webhooks/" + subscription + "/deliveries/" + failedId + "/retry", "")
                .status())
        .isEqualTo(202);
    assertThat(dispatcher.deliverDueOnce()).isEqualTo(1);
    assertThat(deliveries("delivered")).hasSize(2);
    assertThat(receiver.received()).hasSize(3);
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered'"))
        .isZero();
  }

  @Test
  void a_retry_while_the_subscription_is_off_is_refused() {
    useDispatcher(
        WebhookSettings.builder()
            .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))
            .lease(Duration.ofSeconds(10))
            .retries(List.of(Duration.ofMinutes(1)), 1)
            .build());
    enroll("grace@navy.example");
    receiver.otherwise(Reply.status(400));
    assertThat(dispatcher.deliverDueOnce()).isEqualTo(1);
    String id = deliveries("failed").get(0).get("id").asText();
    assertThat(patch("{\"active\": false}").status()).isEqualTo(200);
    Answer refused = post("/api/v1/webhooks/" + subscription + "/deliveries/" + id + "/retry", "");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.field()).isEqualTo("active");
    assertThat(deliveries("failed")).hasSize(1);
  }
}
