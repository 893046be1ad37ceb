package com.campaignengine.mail.gmail;

import static com.campaignengine.testing.GmailStub.LIST;
import static com.campaignengine.testing.GmailStub.PROFILE;
import static com.campaignengine.testing.GmailStub.SEND;
import static com.campaignengine.testing.GmailStub.TOKEN;
import static com.campaignengine.testing.GmailStub.googleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MimeMessages;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.TestMessages;
import com.campaignengine.mail.gmail.GoogleErrorRows.Row;
import com.campaignengine.mailbox.GmailSettings;
import com.campaignengine.testing.GmailStub;
import com.campaignengine.testing.GmailStub.Request;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GmailTransportTest {

  private static final String REVOKED =
      "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}";

  @RegisterExtension final GmailStub google = GmailStub.start();

  private GmailTransport transport() {
    return transport(google.settings(Duration.ofSeconds(5)));
  }

  private static GmailTransport transport(GmailSettings settings) {
    return new GmailTransport(
        settings,
        GmailTransport.newClient(settings),
        Clock.fixed(GoogleErrorRows.NOW, ZoneOffset.UTC));
  }

  private static OutgoingMessage inThread(OutgoingMessage m, String threadId) {
    return new OutgoingMessage(
        m.messageId(),
        m.date(),
        m.from(),
        m.to(),
        "Re: " + m.subject(),
        m.body(),
        new OutgoingMessage.Threading(
            m.threading().inReplyTo(), m.threading().references(), threadId),
        m.extraHeaders());
  }

  private List<String> bearerTokens() {
    return google.requests(SEND).stream()
        .map(r -> r.header("Authorization"))
        .collect(Collectors.toList());
  }

  // --- what goes over the wire ---

  @Test
  void raw_is_our_exact_rfc5322_bytes_in_url_safe_base64() throws Exception {
    OutgoingMessage message = TestMessages.simple(7);

    assertThat(transport().send(message).isSent()).isTrue();

    Request request = google.requests(SEND).get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).startsWith("application/json");
    String raw = request.json().get("raw").asText();
    assertThat(raw).matches("[A-Za-z0-9_-]+");
    assertThat(Base64.getUrlDecoder().decode(raw)).isEqualTo(MimeMessages.toRfc5322(message));
    assertThat(request.json().has("threadId")).isFalse();
  }

  @Test
  void non_ascii_multipart_message_arrives_intact() throws Exception {
    OutgoingMessage message = TestMessages.rich(8);

    assertThat(transport().send(message).isSent()).isTrue();

    byte[] raw = google.sent(message.messageId()).orElseThrow().raw();
    MimeMessage parsed =
        new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    assertThat(parsed.getMessageID()).isEqualTo(message.messageId());
    assertThat(parsed.getSubject()).isEqualTo("Grüße aus Köln, Zoë");
    assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Zoë Müller");
    assertThat(((MimeMultipart) parsed.getContent()).getBodyPart(1).getContent())
        .isEqualTo(message.body().html());
  }

  @Test
  void thread_id_is_passed_through_and_returned() throws Exception {
    GmailTransport gmail = transport();

    SendResult.Sent first = (SendResult.Sent) gmail.send(TestMessages.simple(1));
    String gmailId = google.sent(TestMessages.simple(1).messageId()).orElseThrow().id();
    SendResult.Sent followUp =
        (SendResult.Sent) gmail.send(inThread(TestMessages.simple(2), first.threadId()));

    // A new message starts its own thread, which Gmail names after the message.
    assertThat(first.providerMessageId()).isEqualTo(gmailId);
    assertThat(first.threadId()).isEqualTo(gmailId);
    assertThat(google.requests(SEND).get(1).json().get("threadId").asText()).isEqualTo(gmailId);
    assertThat(followUp.threadId()).isEqualTo(gmailId);
    assertThat(followUp.providerMessageId())
        .isEqualTo(google.sent(TestMessages.simple(2).messageId()).orElseThrow().id());
  }

  @Test
  void follow_up_to_a_deleted_thread_is_sent_outside_it() throws Exception {
    OutgoingMessage followUp = inThread(TestMessages.simple(2), "18fdeadbeef00000");

    SendResult.Sent sent = (SendResult.Sent) transport().send(followUp);

    String gmailId = google.sent(followUp.messageId()).orElseThrow().id();
    assertThat(sent.threadId()).isEqualTo(gmailId);
    List<Request> sends = google.requests(SEND);
    assertThat(sends).hasSize(2);
    assertThat(sends.get(0).json().get("threadId").asText()).isEqualTo("18fdeadbeef00000");
    assertThat(sends.get(1).json().has("threadId")).isFalse();
  }

  @Test
  void thread_fallback_also_covers_a404() {
    google.enqueue(
        SEND, 404, googleError(404, "notFound", "Requested entity was not found.", "NOT_FOUND"));

    assertThat(transport().send(inThread(TestMessages.simple(2), "18f0")).isSent()).isTrue();
    assertThat(google.requests(SEND)).hasSize(2);
  }

  @Test
  void success_without_ids_still_counts_as_sent() {
    google.enqueue(SEND, 200, "{}");

    SendResult result = transport().send(TestMessages.simple(3));

    assertThat(result).isEqualTo(new SendResult.Sent("", null));
  }

  // --- OAuth ---

  @Test
  void token_request_uses_the_refresh_token_grant() {
    transport().send(TestMessages.simple(1));

    Map<String, String> form = google.requests(TOKEN).get(0).form();
    assertThat(form)
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("client_id", GmailStub.CLIENT_ID)
        .containsEntry("client_secret", GmailStub.CLIENT_SECRET)
        .containsEntry("refresh_token", GmailStub.REFRESH_TOKEN);
  }

  @Test
  void access_token_is_cached_across_sends() {
    google.tokenLifetime(3600);
    GmailTransport gmail = transport();

    for (int i = 0; i < 5; i++) {
      assertThat(gmail.send(TestMessages.simple(i)).isSent()).isTrue();
    }

    assertThat(google.tokenRequests()).isEqualTo(1);
    assertThat(bearerTokens())
        .hasSize(5)
        .allMatch(t -> t.startsWith("Bearer ya29."))
        .containsOnly(bearerTokens().get(0));
  }

  @Test
  void access_token_is_refreshed_when_it_is_about_to_expire() {
    // The library refreshes tokens with less than ~3¾ minutes left: one minute means every call.
    google.tokenLifetime(60);
    GmailTransport gmail = transport();

    for (int i = 0; i < 3; i++) {
      assertThat(gmail.send(TestMessages.simple(i)).isSent()).isTrue();
    }

    assertThat(google.tokenRequests()).isEqualTo(3);
    assertThat(bearerTokens()).doesNotHaveDuplicates();
  }

  @Test
  void rejected_token_is_refreshed_once_and_the_send_repeated() {
    GmailTransport gmail = transport();
    gmail.send(TestMessages.simple(1));
    google.revokeAccessTokens();

    SendResult result = gmail.send(TestMessages.simple(2));

    assertThat(result.isSent()).isTrue();
    assertThat(google.tokenRequests()).isEqualTo(2);
    assertThat(google.requests(SEND)).hasSize(3);
    assertThat(google.sentCount()).isEqualTo(2);
  }

  @Test
  void persistent401_is_an_auth_failure() {
    String invalid = googleError(401, "authError", "Invalid Credentials", "UNAUTHENTICATED");
    google.enqueue(SEND, 401, invalid);
    google.enqueue(SEND, 401, invalid);

    SendResult result = transport().send(TestMessages.simple(1));

    assertThat(result)
        .isEqualTo(new SendResult.AuthFailure("gmail 401 authError: Invalid Credentials"));
    assertThat(google.tokenRequests()).isEqualTo(2);
    assertThat(google.requests(SEND)).hasSize(2);
  }

  @Test
  void revoked_refresh_token_is_an_auth_failure_and_nothing_is_sent() {
    google.enqueue(TOKEN, 400, REVOKED);

    SendResult result = transport().send(TestMessages.simple(1));

    assertThat(result)
        .isEqualTo(
            new SendResult.AuthFailure(
                "gmail OAuth token 400 invalid_grant: Token has been expired or revoked."));
    assertThat(google.requests(SEND)).isEmpty();
  }

  @Test
  void wrong_client_secret_is_an_auth_failure() {
    GmailSettings stub = google.settings(Duration.ofSeconds(5));
    GmailSettings wrong =
        new GmailSettings(
            stub.clientId(),
            "wrong",
            stub.refreshToken(),
            stub.apiBaseUrl(),
            stub.tokenUrl(),
            null);

    SendResult result = transport(wrong).send(TestMessages.simple(1));

    assertThat(result)
        .isEqualTo(
            new SendResult.AuthFailure("gmail OAuth token 401 invalid_client: Unauthorized"));
  }

  @Test
  void token_endpoint_outage_is_retryable_and_passes() {
    google.enqueue(TOKEN, 503, "");
    GmailTransport gmail = transport();

    assertThat(gmail.send(TestMessages.simple(1)))
        .isEqualTo(new SendResult.RetryableFailure("gmail OAuth token 503", null));
    assertThat(gmail.send(TestMessages.simple(1)).isSent()).isTrue();
  }

  // --- Gmail API errors ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("com.campaignengine.mail.gmail.GoogleErrorRows#rows")
  void classifies_each_error_response(Row row) {
    google.enqueue(SEND, row.status(), row.body(), row.headers());

    SendResult result = transport().send(TestMessages.simple(1));

    assertThat(result).isInstanceOf(row.type());
    assertThat(GmailErrors.reasonOf(result)).contains(row.reasonPart());
    assertThat(GoogleErrorRows.waitOf(result)).isEqualTo(row.expectedWait());
    assertThat(google.requests(SEND)).hasSize(1);
  }

  @Test
  void stub_rejects_a_recipientless_message_like_gmail() {
    google.enqueue(
        SEND,
        400,
        googleError(400, "invalidArgument", "Recipient address required", "INVALID_ARGUMENT"));

    assertThat(transport().send(TestMessages.simple(1)))
        .isEqualTo(
            new SendResult.PermanentFailure(
                "gmail 400 invalidArgument: Recipient address required"));
  }

  // --- network ---

  @Test
  void api_that_never_answers_is_retryable_within_the_timeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      GmailSettings settings =
          settings(
              local(silent.getLocalPort()), google.settings().tokenUrl(), Duration.ofSeconds(1));
      long start = System.nanoTime();

      SendResult result = transport(settings).send(TestMessages.simple(1));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
      assertThat(GmailErrors.reasonOf(result)).contains("HttpTimeoutException");
    }
  }

  @Test
  void token_endpoint_that_never_answers_is_retryable_within_the_timeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      GmailSettings settings =
          settings(
              google.baseUrl(),
              local(silent.getLocalPort()).resolve("/token"),
              Duration.ofSeconds(1));
      long start = System.nanoTime();

      SendResult result = transport(settings).send(TestMessages.simple(1));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
      assertThat(GmailErrors.reasonOf(result)).startsWith("gmail OAuth token request failed");
    }
  }

  @Test
  void refused_connection_is_retryable() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    GmailSettings settings = settings(local(port), google.settings().tokenUrl(), null);

    SendResult result = transport(settings).send(TestMessages.simple(1));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(GmailErrors.reasonOf(result))
        .isEqualTo("gmail request failed: ConnectException: ClosedChannelException");
  }

  /** The stub's client and refresh token, with these URLs and timeout. */
  private static GmailSettings settings(URI apiBaseUrl, URI tokenUrl, Duration timeout) {
    return new GmailSettings(
        GmailStub.CLIENT_ID,
        GmailStub.CLIENT_SECRET,
        GmailStub.REFRESH_TOKEN,
        apiBaseUrl,
        tokenUrl,
        timeout);
  }

  private static URI local(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  // --- lookup ---

  @Test
  void lookup_finds_a_sent_message_by_its_message_id() {
    GmailTransport gmail = transport();
    OutgoingMessage message = TestMessages.simple(5);
    gmail.send(message);

    assertThat(gmail.lookup(message.messageId())).isEqualTo(Delivery.DELIVERED);

    Map<String, String> params = google.requests(LIST).get(0).params();
    assertThat(params)
        .containsEntry("q", "rfc822msgid:" + message.messageId().replaceAll("[<>]", ""))
        .containsEntry("includeSpamTrash", "true");
  }

  @Test
  void lookup_of_a_never_sent_message_is_not_delivered() {
    assertThat(transport().lookup(TestMessages.simple(6).messageId()))
        .isEqualTo(Delivery.NOT_DELIVERED);
  }

  @Test
  void lookup_is_unknown_on_any_error() {
    GmailTransport gmail = transport();
    String id = TestMessages.simple(6).messageId();

    google.enqueue(LIST, 500, googleError(500, "backendError", "Backend Error", "INTERNAL"));
    assertThat(gmail.lookup(id)).isEqualTo(Delivery.UNKNOWN);
    google.enqueue(
        LIST,
        403,
        googleError(
            403, "insufficientPermissions", "Insufficient Permission", "PERMISSION_DENIED"));
    assertThat(gmail.lookup(id)).isEqualTo(Delivery.UNKNOWN);
    google.enqueue(LIST, 200, "<html>not json</html>");
    assertThat(gmail.lookup(id)).isEqualTo(Delivery.UNKNOWN);
    assertThat(gmail.lookup("<>")).isEqualTo(Delivery.UNKNOWN);
  }

  @Test
  void lookup_is_unknown_when_the_token_is_revoked() {
    google.enqueue(TOKEN, 400, REVOKED);

    assertThat(transport().lookup(TestMessages.simple(6).messageId())).isEqualTo(Delivery.UNKNOWN);
  }

  // --- verify ---

  @Test
  void verify_passes_with_working_credentials() {
    assertThat(transport().verify()).isEmpty();
    assertThat(google.requests(PROFILE)).hasSize(1);
  }

  @Test
  void verify_reports_a_revoked_refresh_token() {
    google.enqueue(TOKEN, 400, REVOKED);

    assertThat(transport().verify())
        .contains("gmail OAuth token 400 invalid_grant: Token has been expired or revoked.");
  }

  @Test
  void verify_reports_a_send_only_token() {
    google.enqueue(
        PROFILE,
        403,
        googleError(
            403,
            "insufficientPermissions",
            "Request had insufficient authentication scopes.",
            "PERMISSION_DENIED"));

    Optional<String> problem = transport().verify();

    assertThat(problem)
        .contains(
            "gmail 403 insufficientPermissions: Request had insufficient authentication scopes.");
  }

  @Test
  void is_named_gmail() {
    assertThat(transport().name()).isEqualTo("gmail");
  }
}
