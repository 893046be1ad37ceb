package com.campaignengine.mail.resend;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.Address;
import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MessageIds;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.TestMessages;
import com.campaignengine.mail.resend.ResendStubServer.Hold;
import com.campaignengine.mail.resend.ResendStubServer.Recorded;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResendTransportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final ResendStubServer stub = new ResendStubServer();

  private ResendTransport transport() {
    return transport(ResendStubServer.API_KEY, stub.baseUrl());
  }

  private static ResendTransport transport(String key, URI baseUrl) {
    return new ResendTransport(new ResendSettings(key, baseUrl, Duration.ofSeconds(1)));
  }

  private List<Recorded> sends() {
    return stub.requests().stream().filter(r -> r.path().equals("/emails")).toList();
  }

  private static OutgoingMessage reply(long executionId) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("List-Unsubscribe", "<https://example.com/u/42>");
    extra.put("X-Campaign", "spring");
    return new OutgoingMessage(
        MessageIds.forSend(executionId, "mail.example.com"),
        TestMessages.DATE,
        new Address("sam@example.com", "Sam Sender"),
        new Address("ada@example.org", "Ada Lovelace"),
        "Re: Hello",
        new OutgoingMessage.Body("Hi Ada,\nfollowing up.\n", "<p>Hi Ada, following up.</p>"),
        new OutgoingMessage.Threading(
            "<ce.1.aaaaaaaa@mail.example.com>",
            List.of("<ce.0.bbbbbbbb@mail.example.com>", "<ce.1.aaaaaaaa@mail.example.com>"),
            null),
        extra);
  }

  @Test
  void payload_follows_resends_format() throws Exception {
    OutgoingMessage message = reply(7);

    SendResult result = transport().send(message);

    assertThat(result).isInstanceOf(SendResult.Sent.class);
    Recorded request = sends().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + ResendStubServer.API_KEY);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("User-Agent")).isNotBlank();
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("from").asText()).isEqualTo("Sam Sender <sam@example.com>");
    assertThat(body.path("to").isArray()).isTrue();
    assertThat(body.path("to")).hasSize(1);
    assertThat(body.path("to").get(0).asText()).isEqualTo("Ada Lovelace <ada@example.org>");
    assertThat(body.path("subject").asText()).isEqualTo("Re: Hello");
    assertThat(body.path("text").asText()).isEqualTo("Hi Ada,\nfollowing up.\n");
    assertThat(body.path("html").asText()).isEqualTo("<p>Hi Ada, following up.</p>");
    JsonNode headers = body.path("headers");
    assertThat(headers.path("Message-ID").asText()).isEqualTo(message.messageId());
    assertThat(headers.path("In-Reply-To").asText()).isEqualTo("<ce.1.aaaaaaaa@mail.example.com>");
    assertThat(headers.path("References").asText())
        .isEqualTo("<ce.0.bbbbbbbb@mail.example.com> <ce.1.aaaaaaaa@mail.example.com>");
    assertThat(headers.path("List-Unsubscribe").asText()).isEqualTo("<https://example.com/u/42>");
    assertThat(headers.path("X-Campaign").asText()).isEqualTo("spring");
    // The date changes each time the engine composes the message; sending it would break the
    // idempotent repeat.
    assertThat(body.has("date")).isFalse();
    assertThat(headers.has("Date")).isFalse();
  }

  @Test
  void text_only_message_has_no_html_and_plain_addresses() throws Exception {
    OutgoingMessage message = TestMessages.simple(8);

    transport().send(message);

    JsonNode body = JSON.readTree(sends().get(0).body());
    assertThat(body.has("html")).isFalse();
    assertThat(body.path("to").get(0).asText()).isEqualTo("ada@example.org");
    assertThat(body.path("headers").has("In-Reply-To")).isFalse();
    assertThat(body.path("headers").has("References")).isFalse();
  }

  @Test
  void non_ascii_subject_name_and_bodies_survive_json() {
    OutgoingMessage message = TestMessages.rich(9);

    assertThat(transport().send(message).isSent()).isTrue();

    JsonNode email = stub.emails().get(0);
    assertThat(email.path("from").asText()).isEqualTo("Zoë Müller <zoe@example.com>");
    assertThat(email.path("to").get(0).asText()).isEqualTo("Ada Lovelace <ada@example.org>");
    assertThat(email.path("subject").asText()).isEqualTo("Grüße aus Köln, Zoë");
    assertThat(email.path("text").asText()).isEqualTo("Hallo Ada,\nGrüße aus Köln!\n");
    assertThat(email.path("html").asText()).isEqualTo(message.body().html());
  }

  @Test
  void idempotency_key_is_the_message_id_and_stable_across_instances() {
    OutgoingMessage message = TestMessages.simple(10);

    transport().send(message);
    transport().send(TestMessages.simple(10));
    transport().send(TestMessages.simple(11));

    List<String> keys = sends().stream().map(r -> r.header("Idempotency-Key")).toList();
    assertThat(keys.get(0)).isEqualTo(message.messageId().replaceAll("[<>]", ""));
    assertThat(keys.get(1)).isEqualTo(keys.get(0));
    assertThat(keys.get(2)).isNotEqualTo(keys.get(0));
  }

  @Test
  void crash_after_resend_accepted_sends_exactly_one_email() {
    OutgoingMessage message = TestMessages.rich(12);
    SendResult first = transport().send(message);
    // The process dies before recording the send; a new process reconciles the same step.
    ResendTransport restarted = transport();

    Delivery delivery = restarted.lookup(message.messageId());
    SendResult second = restarted.send(TestMessages.rich(12));

    assertThat(delivery).isEqualTo(Delivery.NOT_DELIVERED);
    assertThat(second).isEqualTo(first);
    assertThat(sends()).hasSize(2);
    assertThat(stub.emails()).hasSize(1);
  }

  @Test
  void lost_response_then_retry_sends_exactly_one_email() {
    stub.holdNext(Hold.AFTER_ACCEPTING);
    ResendTransport transport = transport();

    SendResult lost = transport.send(TestMessages.simple(13));
    SendResult retried = transport.send(TestMessages.simple(13));

    assertThat(lost).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(retried).isInstanceOf(SendResult.Sent.class);
    assertThat(stub.emails()).hasSize(1);
  }

  @Test
  void concurrent_duplicate_is_retryable_after_one_second() throws Exception {
    stub.holdNext(Hold.BEFORE_ACCEPTING);
    ResendTransport transport =
        new ResendTransport(
            new ResendSettings(ResendStubServer.API_KEY, stub.baseUrl(), Duration.ofSeconds(5)));
    CompletableFuture<SendResult> first =
        CompletableFuture.supplyAsync(() -> transport.send(TestMessages.simple(14)));
    assertThat(stub.awaitHeld()).isTrue();

    SendResult duplicate = transport.send(TestMessages.simple(14));
    stub.release();

    assertThat(duplicate)
        .isEqualTo(
            new SendResult.RetryableFailure(
                "Resend 409 concurrent_idempotent_requests: There is another request in progress"
                    + " with the same idempotency key.",
                Duration.ofSeconds(1)));
    assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(SendResult.Sent.class);
    assertThat(stub.emails()).hasSize(1);
  }

  @Test
  void changed_body_under_the_same_key_is_permanent_and_sends_nothing() {
    ResendTransport transport = transport();
    OutgoingMessage original = TestMessages.simple(15);
    transport.send(original);
    OutgoingMessage changed =
        new OutgoingMessage(
            original.messageId(),
            original.date(),
            original.from(),
            original.to(),
            "A different subject",
            new OutgoingMessage.Body(original.body().text(), null),
            OutgoingMessage.Threading.NONE,
            Map.of());

    SendResult result = transport.send(changed);

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).reason())
        .contains("409 invalid_idempotent_request");
    assertThat(stub.emails()).hasSize(1);
  }

  @Test
  void lookup_answers_delivered_for_what_this_instance_sent() {
    ResendTransport transport = transport();
    OutgoingMessage message = TestMessages.simple(16);
    transport.send(message);

    assertThat(transport.lookup(message.messageId())).isEqualTo(Delivery.DELIVERED);
    assertThat(transport.lookup(TestMessages.simple(17).messageId()))
        .isEqualTo(Delivery.NOT_DELIVERED);
  }

  @Test
  void failed_send_is_not_remembered_as_delivered() {
    stub.script(ResendStubServer.error(500, "application_error", "An unexpected error occurred."));
    ResendTransport transport = transport();
    OutgoingMessage message = TestMessages.simple(18);

    assertThat(transport.send(message)).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(transport.lookup(message.messageId())).isEqualTo(Delivery.NOT_DELIVERED);
    assertThat(stub.emails()).isEmpty();
  }

  @Test
  void wrong_api_key_is_an_auth_failure() {
    SendResult result = transport("re_wrong", stub.baseUrl()).send(TestMessages.simple(19));

    assertThat(result)
        .isEqualTo(new SendResult.AuthFailure("Resend 403 invalid_api_key: API key is invalid"));
  }

  @Test
  void server_that_never_answers_is_retryable_within_the_timeout() throws Exception {
    // A listening socket that never accepts: the connection completes in the backlog, and no
    // byte ever comes back.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      long start = System.nanoTime();

      SendResult result = transport(ResendStubServer.API_KEY, url).send(TestMessages.simple(20));

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(result)
          .isEqualTo(
              new SendResult.RetryableFailure(
                  "Resend unreachable: no answer within 1000 ms", null));
      assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
    }
  }

  @Test
  void refused_connection_is_retryable() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port);

    SendResult result = transport(ResendStubServer.API_KEY, url).send(TestMessages.simple(21));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).reason()).startsWith("Resend unreachable:");
  }

  @Test
  void verify_accepts_full_and_sending_only_keys() {
    assertThat(transport().verify()).isEmpty();
    assertThat(transport(ResendStubServer.SENDING_ONLY_KEY, stub.baseUrl()).verify()).isEmpty();
    assertThat(stub.requests()).allMatch(r -> r.path().equals("/domains"));
  }

  @Test
  void verify_reports_a_rejected_key_without_revealing_it() {
    assertThat(transport("re_wrong_secret", stub.baseUrl()).verify())
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .contains("403 invalid_api_key")
                    .doesNotContain("re_wrong_secret"));
  }

  @Test
  void verify_reports_an_unreachable_api() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }

    assertThat(transport(ResendStubServer.API_KEY, URI.create("http://127.0.0.1:" + port)).verify())
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("Resend unreachable"));
  }

  @Test
  void name_is_resend() {
    assertThat(transport().name()).isEqualTo("resend");
  }
}
