package com.campaignengine.mail.resend;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through Resend's HTTP API: {@code POST /emails} with a JSON body (see {@link
 * ResendPayload}), authenticated by {@code Authorization: Bearer <key>}.
 *
 * <p><b>Idempotency contract.</b> Every request carries an {@code Idempotency-Key} derived only
 * from our Message-ID ({@link IdempotencyKeys}). Resend documents that a request repeating a key
 * used within the last 24 hours gets the original response and sends nothing. So sending the same
 * {@link OutgoingMessage} again, after a timeout, a lost response or a crash of this process, is
 * safe for 24 hours after the first accepted attempt: the recipient gets one email and we get the
 * original Resend id. After 24 hours Resend forgets the key and a repeat would be a second email. A
 * repeat whose JSON differs from the original is answered {@code 409 invalid_idempotent_request}
 * and reported as a {@link SendResult.PermanentFailure}: it is never retried under a new key.
 *
 * <p>Our Message-ID is also sent as a custom {@code Message-ID} header (with {@code In-Reply-To},
 * {@code References} and the message's extra headers). Resend documents custom headers and
 * threading via {@code In-Reply-To}/{@code References}, but not whether it keeps a custom
 * Message-ID; if it replaced it, replies would refer to Resend's id. Reconciliation does not depend
 * on it either way: {@link #lookup} relies on the idempotency key alone.
 *
 * <p>Thread-safe: one instance serves all worker threads. Its {@link HttpClient} is thread-safe and
 * its only mutable state, the Message-IDs it saw accepted ({@link AcceptedIds}), is synchronized.
 */
public final class ResendTransport implements MailTransport {

  private static final Logger LOG = LoggerFactory.getLogger(ResendTransport.class);

  /** Resend rejects requests without a User-Agent with 403. */
  private static final String USER_AGENT = "campaign-engine";

  /** Enough for every send of one process's recent past; a few MB at most. */
  private static final int REMEMBERED_IDS = 10_000;

  private final ResendSettings settings;
  private final HttpClient http;
  private final Clock clock;
  private final AcceptedIds accepted = new AcceptedIds(REMEMBERED_IDS);

  /** A transport for one Resend account. */
  public ResendTransport(ResendSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /** With a clock, so tests can pin "until midnight UTC". */
  ResendTransport(ResendSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public SendResult send(OutgoingMessage message) {
    Objects.requireNonNull(message, "message");
    HttpRequest request =
        request(settings.endpoint("/emails"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", IdempotencyKeys.of(message.messageId()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(ResendPayload.toJson(message)))
            .build();
    SendResult result;
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      result =
          ResendErrors.classify(
              response.statusCode(), response.headers(), response.body(), clock.instant());
    } catch (IOException e) {
      result = ResendErrors.ofException(e, settings.timeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = new SendResult.RetryableFailure("interrupted while sending to Resend", null);
    }
    if (result instanceof SendResult.Sent) {
      accepted.add(message.messageId());
    }
    log(message.messageId(), result);
    return result;
  }

  /**
   * {@link Delivery#DELIVERED} if this instance saw Resend accept the message; otherwise {@link
   * Delivery#NOT_DELIVERED}.
   *
   * <p>Resend cannot be searched by Message-ID. {@code NOT_DELIVERED} therefore does <em>not</em>
   * mean Resend never accepted the message; it means re-sending it is safe, because the repeat
   * carries the same {@code Idempotency-Key} and Resend answers it with the original response
   * instead of sending again. That holds for 24 hours after the first accepted attempt (Resend's
   * key lifetime). If the engine re-sends a message whose first attempt is older than that, e.g.
   * after an outage of more than a day, the recipient may get it twice.
   */
  @Override
  public Delivery lookup(String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    return accepted.contains(messageId) ? Delivery.DELIVERED : Delivery.NOT_DELIVERED;
  }

  /**
   * Checks the API key with {@code GET /domains}.
   *
   * @return empty if the key works (a sending-only key, which Resend answers with {@code 401
   *     restricted_api_key} here, counts as working); otherwise a problem description for the
   *     operator
   */
  public Optional<String> verify() {
    HttpRequest request = request(settings.endpoint("/domains")).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return ResendErrors.verificationProblem(response.statusCode(), response.body());
    } catch (IOException e) {
      return Optional.of(ResendErrors.unreachable(e, settings.timeout()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while verifying the Resend API key");
    }
  }

  @Override
  public String name() {
    return "resend";
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(settings.timeout())
        .header("Authorization", "Bearer " + settings.apiKey())
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT);
  }

  // Message-IDs and Resend's status texts only: never bodies, addresses or the key.
  private static void log(String messageId, SendResult result) {
    if (result instanceof SendResult.Sent sent) {
      LOG.debug("resend accepted {} as {}", messageId, sent.providerMessageId());
    } else if (result instanceof SendResult.RateLimited limited) {
      LOG.info("resend rate-limited {} for {}", messageId, limited.resetAfter());
    } else {
      LOG.warn("resend did not accept {}: {}", messageId, result);
    }
  }
}
