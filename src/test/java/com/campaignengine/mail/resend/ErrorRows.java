package com.campaignengine.mail.resend;

import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.SendResult.AuthFailure;
import com.campaignengine.mail.SendResult.PermanentFailure;
import com.campaignengine.mail.SendResult.RateLimited;
import com.campaignengine.mail.SendResult.RetryableFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

/** The classification table, one row per documented Resend answer; shared by two tests. */
final class ErrorRows {

  /** 18:00 UTC: six hours before the daily quota resets. */
  static final Instant NOW = Instant.parse("2024-05-06T18:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /**
   * One Resend answer and what it must become.
   *
   * @param name the error name, or {@code null} when {@code message} is a raw, non-JSON body
   */
  record Row(
      int status, String name, String message, Map<String, String> headers, SendResult expected) {
    @Override
    public String toString() {
      return status + " " + name + " " + headers;
    }
  }

  private ErrorRows() {}

  static Stream<Row> rows() {
    return Stream.of(
        row(
            422,
            "validation_error",
            "Invalid `to` field.",
            Map.of(),
            permanent(422, "validation_error", "Invalid `to` field.")),
        row(
            400,
            "validation_error",
            "Bad field.",
            Map.of(),
            permanent(400, "validation_error", "Bad field.")),
        row(
            422,
            "missing_required_field",
            "Missing `to`.",
            Map.of(),
            permanent(422, "missing_required_field", "Missing `to`.")),
        row(
            400,
            "invalid_idempotency_key",
            "Too long.",
            Map.of(),
            permanent(400, "invalid_idempotency_key", "Too long.")),
        row(
            409,
            "invalid_idempotent_request",
            "Body changed.",
            Map.of(),
            permanent(409, "invalid_idempotent_request", "Body changed.")),
        row(
            401,
            "missing_api_key",
            "Missing API key.",
            Map.of(),
            new AuthFailure("Resend 401 missing_api_key: Missing API key.")),
        row(
            403,
            "invalid_api_key",
            "API key is invalid",
            Map.of(),
            new AuthFailure("Resend 403 invalid_api_key: API key is invalid")),
        row(
            401,
            "restricted_api_key",
            "Restricted.",
            Map.of(),
            new AuthFailure("Resend 401 restricted_api_key: Restricted.")),
        row(
            403,
            "validation_error",
            "The domain is not verified.",
            Map.of(),
            new AuthFailure("Resend 403 validation_error: The domain is not verified.")),
        row(
            404,
            "not_found",
            "No such endpoint.",
            Map.of(),
            new AuthFailure("Resend 404 not_found: No such endpoint. (check the Resend base URL)")),
        row(
            429,
            "rate_limit_exceeded",
            "Slow down.",
            Map.of("retry-after", "3", "ratelimit-reset", "2"),
            limited("rate_limit_exceeded", "Slow down.", Duration.ofSeconds(3))),
        row(
            429,
            "rate_limit_exceeded",
            "Slow down.",
            Map.of("ratelimit-reset", "2"),
            limited("rate_limit_exceeded", "Slow down.", Duration.ofSeconds(2))),
        row(
            429,
            "rate_limit_exceeded",
            "Slow down.",
            Map.of("ratelimit-reset", "soon"),
            limited("rate_limit_exceeded", "Slow down.", Duration.ofSeconds(1))),
        row(
            429,
            "daily_quota_exceeded",
            "Daily quota.",
            Map.of(),
            limited("daily_quota_exceeded", "Daily quota.", Duration.ofHours(6))),
        row(
            429,
            "daily_quota_exceeded",
            "Daily quota.",
            Map.of("retry-after", "600"),
            limited("daily_quota_exceeded", "Daily quota.", Duration.ofMinutes(10))),
        row(
            429,
            "monthly_quota_exceeded",
            "Monthly quota.",
            Map.of(),
            limited("monthly_quota_exceeded", "Monthly quota.", Duration.ofHours(24))),
        row(
            409,
            "concurrent_idempotent_requests",
            "In progress.",
            Map.of(),
            retryable(
                409, "concurrent_idempotent_requests", "In progress.", Duration.ofSeconds(1))),
        row(
            500,
            "application_error",
            "Unexpected.",
            Map.of(),
            retryable(500, "application_error", "Unexpected.", null)),
        row(
            500,
            "internal_server_error",
            "Oops.",
            Map.of("retry-after", "30"),
            retryable(500, "internal_server_error", "Oops.", Duration.ofSeconds(30))),
        row(
            503,
            "service_unavailable",
            "Unavailable.",
            Map.of(),
            retryable(503, "service_unavailable", "Unavailable.", null)),
        row(
            502,
            null,
            "<html>Bad Gateway</html>",
            Map.of(),
            new RetryableFailure("Resend 502", null)));
  }

  private static Row row(
      int status, String name, String message, Map<String, String> headers, SendResult expected) {
    return new Row(status, name, message, headers, expected);
  }

  private static SendResult permanent(int status, String name, String message) {
    return new PermanentFailure("Resend " + status + " " + name + ": " + message);
  }

  private static SendResult limited(String name, String message, Duration reset) {
    return new RateLimited("Resend 429 " + name + ": " + message, reset);
  }

  private static SendResult retryable(int status, String name, String message, Duration after) {
    return new RetryableFailure("Resend " + status + " " + name + ": " + message, after);
  }
}
