package com.campaignengine.mail.microsoft;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.Address;
import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.testing.GraphStub;
import com.campaignengine.testing.GraphStub.Call;
import com.campaignengine.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Graph transport against a local stand-in speaking Graph's and the identity platform's JSON.
 */
class GraphTransportTest {

  @RegisterExtension final GraphStub graph = GraphStub.start();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

  private GraphTransport transport() {
    return new GraphTransport(graph.settings(), GraphTransport.newClient(graph.settings()), clock);
  }

  private static OutgoingMessage message(String local, String to) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("List-Unsubscribe", "<https://t.example/u/1>");
    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    headers.put("X-Campaign", "c-1");
    return new OutgoingMessage(
        "<" + local + "@contoso.example>",
        Instant.parse("2026-03-02T09:00:00Z"),
        new Address(GraphStub.ADDRESS, "Sam"),
        new Address(to, "Grace Hopper"),
        "Quick question",
        new OutgoingMessage.Body("Hello Grace", "<p>Hello Grace</p>"),
        null,
        headers);
  }

  private static OutgoingMessage followUp(OutgoingMessage first, String local, String threadId) {
    return new OutgoingMessage(
        "<" + local + "@contoso.example>",
        first.date(),
        first.from(),
        first.to(),
        "Re: " + first.subject(),
        new OutgoingMessage.Body("Bumping this.", null),
        new OutgoingMessage.Threading(first.messageId(), List.of(first.messageId()), threadId),
        first.extraHeaders());
  }

  // --- a first email ---

  @Test
  void a_first_email_is_a_draft_with_our_message_id_then_sent() throws Exception {
    OutgoingMessage message = message("a1", "grace@navy.example");

    SendResult result = transport().send(message);

    assertThat(result).isInstanceOf(SendResult.Sent.class);
    SendResult.Sent sent = (SendResult.Sent) result;
    assertThat(graph.sent()).hasSize(1);
    GraphStub.Message item = graph.sent().get(0);
    assertThat(sent.providerMessageId()).isEqualTo(item.id);
    assertThat(sent.threadId()).as("a follow-up replies to this message").isEqualTo(item.id);
    assertThat(item.internetMessageId).isEqualTo("<a1@contoso.example>");
    assertThat(item.to).containsExactly("grace@navy.example");
    assertThat(item.bodyType).isEqualTo("HTML");
    assertThat(item.body).isEqualTo("<p>Hello Grace</p>");
    assertThat(item.headers)
        .as("Graph takes only x- headers: List-Unsubscribe is left out")
        .containsExactly(Map.entry("X-Campaign", "c-1"));
    assertThat(graph.requests(Call.CREATE)).hasSize(1);
    assertThat(graph.requests(Call.SEND)).hasSize(1);
    assertThat(graph.drafts()).isEmpty();
  }

  @Test
  void lookup_finds_a_sent_message_by_internet_message_id_and_ignores_drafts() {
    GraphTransport transport = transport();
    transport.send(message("a1", "grace@navy.example"));
    // A crash between creating the draft and sending it leaves a draft: not delivered.
    graph.enqueue(Call.SEND, 503, GraphStub.graphError("ServiceUnavailable", "busy"));
    transport.send(message("a2", "alan@bletchley.example"));

    assertThat(transport.lookup("<a1@contoso.example>")).isEqualTo(Delivery.DELIVERED);
    assertThat(transport.lookup("<a2@contoso.example>")).isEqualTo(Delivery.NOT_DELIVERED);
    assertThat(transport.lookup("<never@contoso.example>")).isEqualTo(Delivery.NOT_DELIVERED);
    assertThat(graph.requests(Call.LIST).get(0).params().get("$filter"))
        .isEqualTo("internetMessageId eq '<a1@contoso.example>'");
  }

  @Test
  void lookup_is_unknown_when_graph_fails() {
    graph.enqueue(Call.LIST, 500, GraphStub.graphError("InternalServerError", "oops"));
    assertThat(transport().lookup("<a1@contoso.example>")).isEqualTo(Delivery.UNKNOWN);
  }

  // --- threading ---

  @Test
  void a_same_thread_follow_up_is_a_reply_in_the_same_conversation() throws Exception {
    GraphTransport transport = transport();
    OutgoingMessage first = message("t1", "grace@navy.example");
    SendResult.Sent sent = (SendResult.Sent) transport.send(first);

    SendResult second = transport.send(followUp(first, "t2", sent.threadId()));

    assertThat(second).isInstanceOf(SendResult.Sent.class);
    assertThat(graph.requests(Call.CREATE_REPLY)).hasSize(1);
    assertThat(graph.requests(Call.CREATE_REPLY).get(0).path()).contains(sent.threadId());
    assertThat(graph.sent()).hasSize(2);
    GraphStub.Message reply = graph.sent().get(1);
    assertThat(reply.conversationId).isEqualTo(graph.sent().get(0).conversationId);
    assertThat(reply.replyTo).isEqualTo(sent.providerMessageId());
    assertThat(reply.to)
        .as("patched from the mailbox itself to the person")
        .containsExactly("grace@navy.example");
    assertThat(reply.subject).isEqualTo("Re: Quick question");
    assertThat(reply.internetMessageId).isEqualTo("<t2@contoso.example>");
    assertThat(reply.body).isEqualTo("Bumping this.");
    assertThat(reply.headers)
        .as("x- headers go in with createReply")
        .containsExactly(Map.entry("X-Campaign", "c-1"));
    assertThat(((SendResult.Sent) second).threadId()).isEqualTo(sent.threadId());
  }

  @Test
  void a_follow_up_whose_earlier_id_is_unknown_finds_it_by_message_id() {
    GraphTransport transport = transport();
    OutgoingMessage first = message("t1", "grace@navy.example");
    transport.send(first);

    SendResult second = transport.send(followUp(first, "t2", "AAkALgStaleId="));

    assertThat(second).isInstanceOf(SendResult.Sent.class);
    assertThat(graph.requests(Call.CREATE_REPLY)).hasSize(2);
    assertThat(graph.sent().get(1).conversationId).isEqualTo(graph.sent().get(0).conversationId);
  }

  @Test
  void a_follow_up_to_a_deleted_message_goes_out_as_a_new_one() {
    OutgoingMessage first = message("t1", "grace@navy.example");

    SendResult second = transport().send(followUp(first, "t2", "AAkALgGone="));

    assertThat(second).isInstanceOf(SendResult.Sent.class);
    assertThat(graph.sent()).hasSize(1);
    assertThat(graph.sent().get(0).internetMessageId).isEqualTo("<t2@contoso.example>");
    assertThat(graph.requests(Call.CREATE)).hasSize(1);
  }

  // --- error rows ---

  @Test
  void throttled_429_is_rate_limited_for_as_long_as_retry_after_says() {
    graph.enqueue(
        Call.SEND,
        429,
        GraphStub.graphError(
            "ApplicationThrottled", "Application is over its MailboxConcurrency limit."),
        Map.of("Retry-After", "120"));

    SendResult result = transport().send(message("e1", "grace@navy.example"));

    assertThat(result).isInstanceOf(SendResult.RateLimited.class);
    assertThat(((SendResult.RateLimited) result).resetAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(((SendResult.RateLimited) result).reason()).contains("429 ApplicationThrottled");
    assertThat(graph.drafts()).as("the refused draft is deleted").isEmpty();
  }

  @Test
  void service_unavailable_503_is_transient() {
    graph.enqueue(
        Call.CREATE,
        503,
        GraphStub.graphError("ServiceUnavailable", "The service is temporarily unavailable."),
        Map.of("Retry-After", "10"));

    SendResult result = transport().send(message("e2", "grace@navy.example"));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).retryAfter())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(graph.sentCount()).isZero();
  }

  @Test
  void gateway_timeout_504_is_transient() {
    graph.enqueue(Call.SEND, 504, GraphStub.graphError("GatewayTimeout", "Gateway Timeout"));

    SendResult result = transport().send(message("e3", "grace@navy.example"));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).retryAfter()).isNull();
  }

  @Test
  void quota_exceeded_is_permanent_for_the_mailbox() {
    graph.enqueue(
        Call.CREATE,
        403,
        GraphStub.graphError(
            "ErrorQuotaExceeded", "The process failed to get the correct properties."));

    SendResult result = transport().send(message("e4", "grace@navy.example"));

    assertThat(result).isInstanceOf(SendResult.AuthFailure.class);
    assertThat(((SendResult.AuthFailure) result).reason()).contains("ErrorQuotaExceeded");
  }

  @Test
  void a_mailbox_without_rest_api_is_permanent_for_the_mailbox() {
    graph.enqueue(
        Call.CREATE,
        404,
        GraphStub.graphError(
            "MailboxNotEnabledForRESTAPI",
            "The mailbox is either inactive, soft-deleted, or is hosted on-premise."));

    SendResult result = transport().send(message("e5", "grace@navy.example"));

    assertThat(result).isInstanceOf(SendResult.AuthFailure.class);
    assertThat(((SendResult.AuthFailure) result).reason()).contains("MailboxNotEnabledForRESTAPI");
  }

  @Test
  void invalid_recipients_are_permanent_for_the_person() {
    SendResult result = transport().send(message("e6", "not-an-address"));

    assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(((SendResult.PermanentFailure) result).reason()).contains("ErrorInvalidRecipients");
    assertThat(graph.drafts()).isEmpty();
  }

  @Test
  void a_revoked_grant_at_the_token_endpoint_disconnects_the_mailbox() {
    graph.revokeGrant();

    SendResult result = transport().send(message("e7", "grace@navy.example"));

    assertThat(result).isInstanceOf(SendResult.AuthFailure.class);
    assertThat(((SendResult.AuthFailure) result).reason())
        .startsWith("microsoft OAuth token 400 invalid_grant")
        .doesNotContain(GraphStub.REFRESH_TOKEN);
    assertThat(graph.requests(Call.CREATE)).isEmpty();
  }

  @Test
  void invalid_grant_answered_with_401_also_disconnects_the_mailbox() {
    graph.enqueue(
        Call.TOKEN,
        401,
        "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50173: The provided grant has"
            + " expired due to it being revoked.\"}");

    SendResult result = transport().send(message("e9", "grace@navy.example"));

    assertThat(result).isInstanceOf(SendResult.AuthFailure.class);
    assertThat(((SendResult.AuthFailure) result).reason())
        .startsWith("microsoft OAuth token 401 invalid_grant");
  }

  @Test
  void an_unreachable_token_endpoint_is_transient() {
    graph.enqueue(Call.TOKEN, 503, "{\"error\":\"temporarily_unavailable\"}");

    assertThat(transport().send(message("e8", "grace@navy.example")))
        .isInstanceOf(SendResult.RetryableFailure.class);
  }

  // --- tokens ---

  @Test
  void
      the_access_token_is_cached_until_shortly_before_expiry_and_the_rotated_refresh_token_is_used()
          throws Exception {
    graph.tokenLifetime(3600);
    GraphTransport transport = transport();
    transport.send(message("k1", "grace@navy.example"));
    transport.send(message("k2", "grace@navy.example"));
    assertThat(graph.requests(Call.TOKEN)).hasSize(1);
    GraphStub.Request first = graph.requests(Call.TOKEN).get(0);
    assertThat(first.form())
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("client_id", GraphStub.CLIENT_ID)
        .containsEntry("refresh_token", GraphStub.REFRESH_TOKEN);
    assertThat(first.form().get("scope"))
        .isEqualTo(
            "offline_access https://graph.microsoft.com/Mail.Send"
                + " https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/User.Read");

    clock.advance(Duration.ofMinutes(56));
    transport.send(message("k3", "grace@navy.example"));

    assertThat(graph.requests(Call.TOKEN)).hasSize(2);
    assertThat(graph.requests(Call.TOKEN).get(1).form().get("refresh_token"))
        .as("the refresh token Microsoft rotated in")
        .startsWith("M.stub-rotated-");
  }

  @Test
  void a_rejected_access_token_is_refreshed_once_and_the_call_repeated() {
    GraphTransport transport = transport();
    transport.send(message("r1", "grace@navy.example"));
    graph.revokeAccessTokens();

    SendResult result = transport.send(message("r2", "grace@navy.example"));

    assertThat(result).isInstanceOf(SendResult.Sent.class);
    assertThat(graph.requests(Call.TOKEN)).hasSize(2);
    assertThat(graph.sentCount()).isEqualTo(2);
  }

  @Test
  void verify_reads_me_and_reports_a_revoked_grant() {
    assertThat(transport().verify()).isEmpty();
    assertThat(graph.requests(Call.ME)).hasSize(1);

    graph.revokeGrant();
    assertThat(transport().verify())
        .hasValueSatisfying(p -> assertThat(p).contains("invalid_grant"));
  }
}
