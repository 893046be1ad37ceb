package com.campaignengine.mail.gmail;

import static com.campaignengine.testing.GmailStub.googleError;

import com.campaignengine.mail.SendResult;
import com.campaignengine.testing.GmailStub;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The classification table, one row per branch, shared by the unit test of {@link GmailErrors} and
 * the end-to-end test against {@link GmailStub}. Waits are relative to {@link #NOW}.
 */
final class GoogleErrorRows {

  static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");

  /** One Gmail API error response and what it must become. */
  record Row(
      String name,
      int status,
      String body,
      Map<String, String> headers,
      Class<? extends SendResult> type,
      Duration expectedWait,
      String reasonPart) {
    @Override
    public String toString() {
      return name;
    }
  }

  private GoogleErrorRows() {}

  static Stream<Row> rows() {
    return Stream.of(
        row(
            "400 invalidArgument is permanent",
            400,
            googleError(400, "invalidArgument", "Invalid To header", "INVALID_ARGUMENT"),
            Map.of(),
            SendResult.PermanentFailure.class,
            null,
            "gmail 400 invalidArgument: Invalid To header"),
        row(
            "400 failedPrecondition (no Gmail mailbox) pauses the sender",
            400,
            googleError(
                400, "failedPrecondition", "Mail service not enabled", "FAILED_PRECONDITION"),
            Map.of(),
            SendResult.AuthFailure.class,
            null,
            "failedPrecondition: Mail service not enabled"),
        row(
            "403 userRateLimitExceeded with Retry-After seconds",
            403,
            googleError(
                403, "userRateLimitExceeded", "User Rate Limit Exceeded", "PERMISSION_DENIED"),
            Map.of("Retry-After", "120"),
            SendResult.RateLimited.class,
            Duration.ofSeconds(120),
            "userRateLimitExceeded: User Rate Limit Exceeded"),
        row(
            "403 userRateLimitExceeded without hint waits a minute",
            403,
            googleError(
                403, "userRateLimitExceeded", "User Rate Limit Exceeded", "PERMISSION_DENIED"),
            Map.of(),
            SendResult.RateLimited.class,
            Duration.ofMinutes(1),
            "userRateLimitExceeded"),
        row(
            "403 rateLimitExceeded (per-minute project quota) waits a minute",
            403,
            googleError(
                403,
                "rateLimitExceeded",
                "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'",
                "PERMISSION_DENIED"),
            Map.of(),
            SendResult.RateLimited.class,
            Duration.ofMinutes(1),
            "rateLimitExceeded: Quota exceeded"),
        row(
            "403 dailyLimitExceeded without hint waits 24 h",
            403,
            googleError(403, "dailyLimitExceeded", "Daily Limit Exceeded", "PERMISSION_DENIED"),
            Map.of(),
            SendResult.RateLimited.class,
            Duration.ofHours(24),
            "dailyLimitExceeded: Daily Limit Exceeded"),
        row(
            "403 quotaExceeded with Retry-After",
            403,
            googleError(403, "quotaExceeded", "Quota exceeded", "PERMISSION_DENIED"),
            Map.of("Retry-After", "3600"),
            SendResult.RateLimited.class,
            Duration.ofHours(1),
            "quotaExceeded"),
        row(
            "403 insufficientPermissions pauses the sender",
            403,
            googleError(
                403,
                "insufficientPermissions",
                "Request had insufficient authentication scopes.",
                "PERMISSION_DENIED"),
            Map.of(),
            SendResult.AuthFailure.class,
            null,
            "insufficientPermissions: Request had insufficient authentication scopes."),
        row(
            "403 domainPolicy pauses the sender",
            403,
            googleError(
                403,
                "domainPolicy",
                "The domain administrators have disabled Gmail apps.",
                "PERMISSION_DENIED"),
            Map.of(),
            SendResult.AuthFailure.class,
            null,
            "domainPolicy"),
        row(
            "403 with another reason is permanent",
            403,
            googleError(403, "forbidden", "Forbidden", "PERMISSION_DENIED"),
            Map.of(),
            SendResult.PermanentFailure.class,
            null,
            "gmail 403 forbidden: Forbidden"),
        row(
            "429 mail-sending limit waits until Google's 'Retry after' instant",
            429,
            googleError(
                429,
                "rateLimitExceeded",
                "User-rate limit exceeded.  Retry after 2024-05-06T09:08:09.000Z (Mail sending)",
                "RESOURCE_EXHAUSTED"),
            Map.of(),
            SendResult.RateLimited.class,
            Duration.ofHours(2),
            "rateLimitExceeded: User-rate limit exceeded. Retry after"),
        row(
            "429 with an HTTP-date Retry-After",
            429,
            "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\","
                + "\"status\":\"RESOURCE_EXHAUSTED\"}}",
            Map.of("Retry-After", "Mon, 06 May 2024 07:08:39 GMT"),
            SendResult.RateLimited.class,
            Duration.ofSeconds(30),
            "gmail 429 RESOURCE_EXHAUSTED: Resource has been exhausted"),
        row(
            "500 backendError is retryable",
            500,
            googleError(500, "backendError", "Backend Error", "INTERNAL"),
            Map.of(),
            SendResult.RetryableFailure.class,
            null,
            "gmail 500 backendError: Backend Error"),
        row(
            "502 with an HTML page is retryable and the page is not echoed",
            502,
            "<html><body>Bad Gateway</body></html>",
            Map.of(),
            SendResult.RetryableFailure.class,
            null,
            "gmail 502"),
        row(
            "503 with Retry-After is retryable after that wait",
            503,
            googleError(
                503, "backendError", "The service is currently unavailable.", "UNAVAILABLE"),
            Map.of("Retry-After", "10"),
            SendResult.RetryableFailure.class,
            Duration.ofSeconds(10),
            "gmail 503 backendError"),
        row(
            "404 is permanent",
            404,
            googleError(404, "notFound", "Requested entity was not found.", "NOT_FOUND"),
            Map.of(),
            SendResult.PermanentFailure.class,
            null,
            "gmail 404 notFound"));
  }

  private static Row row(
      String name,
      int status,
      String body,
      Map<String, String> headers,
      Class<? extends SendResult> type,
      Duration expectedWait,
      String reasonPart) {
    return new Row(name, status, body, headers, type, expectedWait, reasonPart);
  }

  /** The wait a result carries: resetAfter or retryAfter, else null. */
  static Duration waitOf(SendResult result) {
    if (result instanceof SendResult.RateLimited) {
      return ((SendResult.RateLimited) result).resetAfter();
    }
    if (result instanceof SendResult.RetryableFailure) {
      return ((SendResult.RetryableFailure) result).retryAfter();
    }
    return null;
  }
}
