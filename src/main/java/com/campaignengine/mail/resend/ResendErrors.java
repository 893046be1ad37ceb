package com.campaignengine.mail.resend;

import com.campaignengine.http.RetryAfterHeader;
import com.campaignengine.mail.SendResult;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Classifies Resend's answers to {@code POST /emails} into {@link SendResult}s, following Resend's
 * documented error names ({@code {"statusCode":422,"name":"validation_error","message":...}}).
 *
 * <p>Stateless and thread-safe. Reasons carry Resend's status, error name and (shortened) message,
 * never a request body.
 */
final class ResendErrors {

  static final Duration SHORT_BACKOFF = Duration.ofSeconds(1);
  static final Duration QUOTA_RECHECK = Duration.ofHours(24);

  private ResendErrors() {}

  /** The result of one HTTP exchange; {@code now} anchors "until midnight UTC". */
  static SendResult classify(int status, HttpHeaders headers, String body, Instant now) {
    ResendError error = ResendError.parse(status, body);
    if (status >= 200 && status < 300) {
      return new SendResult.Sent(error.id().orElse("(no id in Resend's response)"));
    }
    String reason = error.reason();
    Optional<Duration> retryAfter = RetryAfterHeader.parse(headers, now);
    return switch (status) {
      // 403 also covers "domain not verified" and a missing User-Agent: every message of this
      // sender fails the same way until someone fixes the account, so the sender is paused.
      case 401, 403 -> new SendResult.AuthFailure(reason);
      // A wrong base URL: the same for every message, so pause rather than dead-letter them all.
      case 404, 405 -> new SendResult.AuthFailure(reason + " (check the Resend base URL)");
      case 408 -> new SendResult.RetryableFailure(reason, retryAfter.orElse(null));
      case 409 -> conflict(error, reason);
      case 429 -> rateLimited(error, reason, headers, retryAfter, now);
      default -> byClass(status, reason, retryAfter);
    };
  }

  /** A network failure or timeout: the request may or may not have reached Resend. */
  static SendResult ofException(IOException e, Duration timeout) {
    return new SendResult.RetryableFailure(unreachable(e, timeout), null);
  }

  static String unreachable(IOException e, Duration timeout) {
    String what =
        e instanceof HttpTimeoutException
            ? "no answer within " + timeout.toMillis() + " ms"
            : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return "Resend unreachable: " + what;
  }

  /**
   * The problem with the API key according to {@code GET /domains}, or empty if it works. Resend
   * answers a sending-only key with {@code 401 restricted_api_key} there; such a key is exactly
   * what this transport needs, so it is not a problem.
   */
  static Optional<String> verificationProblem(int status, String body) {
    ResendError error = ResendError.parse(status, body);
    if (status >= 200 && status < 300 || "restricted_api_key".equals(error.name())) {
      return Optional.empty();
    }
    if (status == 400 || status == 401 || status == 403) {
      return Optional.of("Resend rejected the API key (" + error.reason() + ")");
    }
    return Optional.of("could not verify the Resend API key (" + error.reason() + ")");
  }

  private static SendResult conflict(ResendError error, String reason) {
    if ("invalid_idempotent_request".equals(error.name())) {
      // Same key, different body: a defect on our side. Never retry under a fresh key (that could
      // send a duplicate); an operator must look at it.
      return new SendResult.PermanentFailure(reason);
    }
    // concurrent_idempotent_requests, resource_locked: the other request finishes in a moment.
    return new SendResult.RetryableFailure(reason, SHORT_BACKOFF);
  }

  private static SendResult rateLimited(
      ResendError error,
      String reason,
      HttpHeaders headers,
      Optional<Duration> retryAfter,
      Instant now) {
    Duration reset =
        switch (error.name()) {
          // The Free plan's daily quota is a UTC calendar day (Resend's "Usage Limits" page).
          case "daily_quota_exceeded" -> retryAfter.orElseGet(() -> untilMidnightUtc(now));
          // The billing cycle is unknown here; check again daily.
          case "monthly_quota_exceeded" -> retryAfter.orElse(QUOTA_RECHECK);
          default ->
              retryAfter
                  .or(() -> RetryAfterHeader.seconds(headers, "ratelimit-reset"))
                  .orElse(SHORT_BACKOFF);
        };
    return new SendResult.RateLimited(reason, reset);
  }

  private static SendResult byClass(int status, String reason, Optional<Duration> retryAfter) {
    if (status >= 500) {
      return new SendResult.RetryableFailure(reason, retryAfter.orElse(null));
    }
    if (status >= 400) {
      // 400/422 validation_error, missing_required_field, invalid_idempotency_key, ...
      return new SendResult.PermanentFailure(reason);
    }
    // 1xx/3xx are not part of Resend's API (redirects are not followed): treat as transient.
    return new SendResult.RetryableFailure(reason, retryAfter.orElse(null));
  }

  private static Duration untilMidnightUtc(Instant now) {
    Instant midnight =
        now.atOffset(ZoneOffset.UTC)
            .toLocalDate()
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    return Duration.between(now, midnight);
  }
}
