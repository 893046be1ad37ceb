package com.campaignengine.mail.gmail;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.MimeMessages;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mailbox.GmailSettings;
import com.campaignengine.mailbox.JdkHttpTransport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through the Gmail API ({@code users.messages.send}) as the mailbox whose refresh token is
 * configured, so messages appear in its Sent folder and replies thread in Gmail.
 *
 * <p><b>Ids:</b> {@link SendResult.Sent#providerMessageId()} is Gmail's message id and {@link
 * SendResult.Sent#threadId()} its thread id (the engine stores both). Pass the thread id as {@link
 * OutgoingMessage.Threading#threadId()} of a follow-up to file it in the same Gmail thread (Gmail
 * also wants the References header and the same Subject). If Gmail no longer knows that thread (the
 * user deleted it), the message is sent outside it rather than failed.
 *
 * <p><b>Failures</b> are classified by {@link GmailErrors}. A 401 is answered by one forced token
 * refresh and one repeat (Google rejects the request before acting on it, so the repeat cannot send
 * twice); a second 401 is an {@link SendResult.AuthFailure}.
 *
 * <p><b>{@link #lookup}</b> searches the mailbox, spam and trash included, with {@code
 * rfc822msgid:}. It needs a read scope; without one, or on any error, it answers {@link
 * Delivery#UNKNOWN}. It relies on Gmail's search index, which may lag a freshly sent message.
 *
 * <p>Thread-safe: {@link HttpClient} and the token cache are; there is no other mutable state.
 */
public final class GmailTransport implements MailTransport {

  private static final Logger LOG = LoggerFactory.getLogger(GmailTransport.class);

  private static final String SEND = "/gmail/v1/users/me/messages/send";
  private static final String LIST = "/gmail/v1/users/me/messages";
  private static final String PROFILE = "/gmail/v1/users/me/profile";

  private final GmailSettings settings;
  private final GmailHttp http;
  private final Clock clock;

  /** A transport with its own HTTP client; connecting and each request obey the timeout. */
  public GmailTransport(GmailSettings settings) {
    this(settings, newClient(settings), Clock.systemUTC());
  }

  GmailTransport(GmailSettings settings, HttpClient http, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    AccessTokens tokens =
        new AccessTokens(settings, new JdkHttpTransport(http, settings.timeout()));
    this.http = new GmailHttp(http, tokens, settings.timeout());
  }

  @Override
  public SendResult send(OutgoingMessage message) {
    Objects.requireNonNull(message, "message");
    byte[] rfc5322;
    try {
      rfc5322 = MimeMessages.toRfc5322(message);
    } catch (IllegalArgumentException e) {
      return new SendResult.PermanentFailure(e.getMessage());
    }
    GmailHttp.Outcome outcome = post(rfc5322, message.threading().threadId());
    if (message.threading().threadId() != null
        && outcome.response() != null
        && GmailJson.unknownThread(outcome.response().statusCode(), outcome.response().body())) {
      // The thread was deleted: a follow-up outside it beats none (Gmail refused the first try,
      // so this cannot send twice).
      LOG.info(
          "gmail no longer knows thread {}; sending {} outside it",
          message.threading().threadId(),
          message.messageId());
      outcome = post(rfc5322, null);
    }
    SendResult result = outcome.failure();
    if (result == null) {
      HttpResponse<String> response = outcome.response();
      result =
          response.statusCode() / 100 == 2
              ? GmailJson.accepted(message.messageId(), response.body())
              : GmailErrors.classify(
                  response.statusCode(),
                  response.headers().firstValue("Retry-After"),
                  response.body(),
                  clock.instant());
    }
    if (!result.isSent()) {
      LOG.warn("gmail did not send {}: {}", message.messageId(), result);
    }
    return result;
  }

  /**
   * {@link Delivery#DELIVERED} if the mailbox holds a message with this Message-ID, {@link
   * Delivery#NOT_DELIVERED} if Gmail's search finds none, {@link Delivery#UNKNOWN} on any error.
   */
  @Override
  public Delivery lookup(String messageId) {
    String id = messageId.strip().replaceAll("^<|>$", "");
    if (id.isEmpty()) {
      return Delivery.UNKNOWN;
    }
    // Spam and trash count: a sent message the user deleted was still sent.
    String query =
        "?q="
            + URLEncoder.encode("rfc822msgid:" + id, StandardCharsets.UTF_8)
            + "&includeSpamTrash=true&maxResults=1";
    GmailHttp.Outcome outcome =
        http.call(HttpRequest.newBuilder(settings.endpoint(LIST + query)).GET());
    Optional<String> problem = outcome.problem();
    if (problem.isPresent()) {
      LOG.warn("gmail lookup of {} failed: {}", messageId, problem.get());
      return Delivery.UNKNOWN;
    }
    JsonNode list = GmailJson.read(outcome.response().body());
    if (list.isMissingNode()) {
      LOG.warn("gmail lookup of {} got an unreadable answer", messageId);
      return Delivery.UNKNOWN;
    }
    JsonNode messages = list.path("messages");
    return messages.isArray() && messages.size() > 0 ? Delivery.DELIVERED : Delivery.NOT_DELIVERED;
  }

  /**
   * Checks the configuration without sending: refreshes the access token and reads the mailbox
   * profile ({@code users.getProfile}).
   *
   * @return empty if Gmail accepted the credentials, else an operator-facing problem (e.g. {@code
   *     "gmail OAuth token 400 invalid_grant: Token has been expired or revoked."}); a token with
   *     only the {@code gmail.send} scope fails here with 403 {@code insufficientPermissions},
   *     since {@link #lookup} could not work with it either
   */
  public Optional<String> verify() {
    return http.call(HttpRequest.newBuilder(settings.endpoint(PROFILE)).GET()).problem();
  }

  @Override
  public String name() {
    return "gmail";
  }

  private GmailHttp.Outcome post(byte[] rfc5322, String threadId) {
    return http.call(
        HttpRequest.newBuilder(settings.endpoint(SEND))
            .header("Content-Type", "application/json; charset=UTF-8")
            .POST(BodyPublishers.ofByteArray(GmailJson.sendRequest(rfc5322, threadId))));
  }

  static HttpClient newClient(GmailSettings settings) {
    return HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }
}
