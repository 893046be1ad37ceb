package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.engine.TransportResolver;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.tracking.WebhookSignatures;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Provider pushes: verified by signature, then through the same pipeline as the inboxes. */
class ApiInboundWebhooksTest extends ApiTestSupport.ServerPerTest {
  private final List<OutgoingMessage> sent = new ArrayList<>();
  private String campaign;
  private String mailbox;

  /** Sends like Resend: every message accepted with Resend's kind of id. */
  @Override
  TransportResolver transports() {
    MailTransport resendLike =
        new MailTransport() {
          @Override
          public synchronized SendResult send(OutgoingMessage message) {
            sent.add(message);
            return new SendResult.Sent("re_email_" + sent.size());
          }

          @Override
          public String name() {
            return "resend-like";
          }
        };
    return mailbox -> resendLike;
  }

  @BeforeEach
  void createData() {
    mailbox = createMailbox();
    String person = createPerson("grace@navy.example", "Grace");
    campaign = createCampaignFrom(mailbox);
    activate(campaign);
    enrollIn(campaign, person);
    app.engine().runUntilIdle();
    assertThat(sent).isNotEmpty();
  }

  private Answer postSigned(String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  private String enrollmentStatus() {
    return get("/api/v1/campaigns/" + campaign + "/enrollments")
        .body()
        .path("items")
        .get(0)
        .path("status")
        .asText();
  }

  private String genericReply() {
    OutgoingMessage intro = sent.get(0);
    String raw =
        "From: grace@navy.example\r\nTo: "
            + intro.from().email()
            + "\r\nSubject: Re: hi\r\n"
            + "Message-ID: <r1@navy.example>\r\nIn-Reply-To: "
            + intro.messageId()
            + "\r\n\r\nYes!\r\n";
    return "{\"mailbox_id\":\""
        + mailbox
        + "\",\"raw\":\""
        + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8))
        + "\"}";
  }

  @Test
  void a_signed_generic_push_of_a_reply_stops_the_sequence() {
    String body = genericReply();
    String signature =
        "sha256="
            + WebhookSignatures.signHmacSha256Hex(
                body.getBytes(StandardCharsets.UTF_8),
                TestApplications.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8));
    Answer answer = postSigned("/api/v1/inbound/generic", body, "X-Signature", signature);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("outcome").asText()).isEqualTo("reply");
    assertThat(enrollmentStatus()).isEqualTo("replied");
  }

  @Test
  void a_bad_or_missing_signature_gets_401_and_changes_nothing() {
    String body = genericReply();
    assertThat(
            postSigned("/api/v1/inbound/generic", body, "X-Signature", "sha256=" + "0".repeat(64))
                .status())
        .isEqualTo(401);
    assertThat(postSigned("/api/v1/inbound/generic", body).status()).isEqualTo(401);
    assertThat(
            postSigned(
                    "/api/v1/inbound/resend",
                    "{}",
                    "svix-id",
                    "msg_1",
                    "svix-timestamp",
                    String.valueOf(START.getEpochSecond()),
                    "svix-signature",
                    "v1,AAAA")
                .status())
        .isEqualTo(401);
    assertThat(enrollmentStatus()).isEqualTo("active");
  }

  @Test
  void a_resend_bounce_event_with_a_valid_svix_signature_suppresses_the_address() {
    String body =
        "{\"type\":\"email.bounced\",\"created_at\":\"2026-03-02T14:05:00Z\",\"data\":{"
            + "\"email_id\":\"re_email_1\",\"to\":[\"grace@navy.example\"],"
            + "\"bounce\":{\"type\":\"Permanent\",\"message\":\"550 5.1.1 user unknown\"}}}";
    Answer answer = pushResendEvent("msg_1", body);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("outcome").asText()).isEqualTo("bounce");
    assertThat(enrollmentStatus()).isEqualTo("bounced");
  }

  @Test
  void a_transient_resend_bounce_delivered_twice_sends_the_email_again_once() {
    String body =
        "{\"type\":\"email.bounced\",\"created_at\":\"2026-03-02T14:05:00Z\",\"data\":{"
            + "\"email_id\":\"re_email_1\",\"to\":[\"grace@navy.example\"],"
            + "\"bounce\":{\"type\":\"Transient\",\"message\":\"452 4.2.2 mailbox full\"}}}";
    assertThat(pushResendEvent("msg_2", body).body().path("outcome").asText()).isEqualTo("bounce");
    // Svix delivers an event again, under the same id, until it is acknowledged.
    assertThat(pushResendEvent("msg_2", body).body().path("outcome").asText()).isEqualTo("bounce");
    assertThat(Sql.count(app.database().dataSource(), "SELECT count(*) FROM email_bounces"))
        .isEqualTo(1);

    clock.advance(Duration.ofHours(4).minusSeconds(1));
    app.engine().runUntilIdle();
    assertThat(sent).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    app.engine().runUntilIdle();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).subject()).isEqualTo(sent.get(0).subject());
    assertThat(sent.get(1).messageId()).isNotEqualTo(sent.get(0).messageId());
    assertThat(enrollmentStatus()).isEqualTo("active");
  }
}
