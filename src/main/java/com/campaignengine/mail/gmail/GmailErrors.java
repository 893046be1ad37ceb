package com.campaignengine.mail.gmail;

import com.campaignengine.http.RetryAfterHeader;
import com.campaignengine.mail.SendResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Gmail API and OAuth token endpoint failures into {@link SendResult}s. Stateless and
 * thread-safe. Reasons carry Google's {@code reason} and {@code message}, never request bodies.
 *
 * <table>
 *   <caption>Gmail API responses</caption>
 *   <tr><th>HTTP</th><th>Google reason</th><th>result</th></tr>
 *   <tr><td>401</td><td>any</td><td>AuthFailure</td></tr>
 *   <tr><td>403</td><td>userRateLimitExceeded, rateLimitExceeded</td>
 *       <td>RateLimited: Retry-After, else "Retry after" in the message, else 1 min</td></tr>
 *   <tr><td>403</td><td>dailyLimitExceeded, quotaExceeded</td>
 *       <td>RateLimited: Retry-After, else "Retry after" in the message, else 24 h</td></tr>
 *   <tr><td>403</td><td>insufficientPermissions, domainPolicy, accessNotConfigured, authError</td>
 *       <td>AuthFailure</td></tr>
 *   <tr><td>403</td><td>other</td><td>PermanentFailure</td></tr>
 *   <tr><td>429</td><td>any</td><td>RateLimited, like 403 rateLimitExceeded</td></tr>
 *   <tr><td>400</td><td>failedPrecondition</td><td>AuthFailure</td></tr>
 *   <tr><td>408, 5xx</td><td>any</td><td>RetryableFailure with Retry-After, if given</td></tr>
 *   <tr><td>other 4xx</td><td>any</td><td>PermanentFailure</td></tr>
 * </table>
 */
final class GmailErrors {

  /** Google's guidance for per-user limits is to back off briefly and retry. */
  static final Duration RATE_LIMIT_DEFAULT = Duration.ofMinutes(1);

  /**
   * Daily quotas reset within a day; Google documents no exact hour (Gmail's sending limit is a
   * rolling 24 h window), so without a hint we wait the full window rather than hammer it.
   */
  static final Duration DAILY_LIMIT_DEFAULT = Duration.ofHours(24);

  private static final Set<String> RATE = Set.of("userRateLimitExceeded", "rateLimitExceeded");
  private static final Set<String> DAILY = Set.of("dailyLimitExceeded", "quotaExceeded");

  // Problems of the mailbox or project, not of the message: every send would fail alike.
  private static final Set<String> SENDER_WIDE =
      Set.of("insufficientPermissions", "domainPolicy", "accessNotConfigured", "authError");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern RETRY_IN_MESSAGE =
      Pattern.compile("Retry after (\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z)", Pattern.CASE_INSENSITIVE);

  private GmailErrors() {}

  /**
   * Classifies a Gmail API response that was not 2xx.
   *
   * @param retryAfterHeader the response's {@code Retry-After} header, if any
   * @param now the current time, to turn dates into waits
   */
  static SendResult classify(
      int status, Optional<String> retryAfterHeader, String body, Instant now) {
    GoogleError error = GoogleError.parse(status, body);
    String reason = error.summary();
    Optional<Duration> hint =
        RetryAfterHeader.parseNegativeAsNoWait(retryAfterHeader, now)
            .or(() -> retryAfterInMessage(error.message(), now));
    if (status == 401) {
      return new SendResult.AuthFailure(reason);
    }
    if (status == 429 || (status == 403 && RATE.contains(error.reason()))) {
      return new SendResult.RateLimited(reason, hint.orElse(RATE_LIMIT_DEFAULT));
    }
    if (status == 403 && DAILY.contains(error.reason())) {
      return new SendResult.RateLimited(reason, hint.orElse(DAILY_LIMIT_DEFAULT));
    }
    if (status == 403 && SENDER_WIDE.contains(error.reason())) {
      return new SendResult.AuthFailure(reason);
    }
    // Gmail's answer for a user without a Gmail mailbox ("Mail service not enabled").
    if (status == 400 && error.reason().equals("failedPrecondition")) {
      return new SendResult.AuthFailure(reason);
    }
    if (status == 408 || status >= 500) {
      return new SendResult.RetryableFailure(reason, hint.orElse(null));
    }
    return new SendResult.PermanentFailure(reason);
  }

  /**
   * Classifies a failed access-token refresh. Google answers a revoked or expired refresh token
   * with 400 {@code invalid_grant} and a wrong client with 401 {@code invalid_client}: those need a
   * human, so they are an {@link SendResult.AuthFailure}. Server errors, throttling and network
   * problems may pass and are retryable.
   */
  static SendResult tokenFailure(IOException e) {
    HttpResponseException response = responseIn(e);
    if (response == null) {
      return new SendResult.RetryableFailure(
          "gmail OAuth token request failed: " + describe(e), null);
    }
    int status = response.getStatusCode();
    String reason = "gmail OAuth token " + status + tokenErrorOf(response.getContent());
    if (status == 408 || status == 429 || status >= 500) {
      return new SendResult.RetryableFailure(reason, null);
    }
    return new SendResult.AuthFailure(reason);
  }

  /** A request that got no HTTP answer (refused, reset, timed out): the same send may succeed. */
  static SendResult networkFailure(IOException e) {
    return new SendResult.RetryableFailure("gmail request failed: " + describe(e), null);
  }

  /** The reason inside any result but {@link SendResult.Sent}, for which it is {@code ""}. */
  static String reasonOf(SendResult result) {
    if (result instanceof SendResult.RetryableFailure) {
      return ((SendResult.RetryableFailure) result).reason();
    }
    if (result instanceof SendResult.PermanentFailure) {
      return ((SendResult.PermanentFailure) result).reason();
    }
    if (result instanceof SendResult.AuthFailure) {
      return ((SendResult.AuthFailure) result).reason();
    }
    if (result instanceof SendResult.RateLimited) {
      return ((SendResult.RateLimited) result).reason();
    }
    return "";
  }

  /**
   * The failure's class and message, skipping wrappers that merely repeat their cause (the auth
   * library's) and naming the cause where there is no message (the JDK client's {@code
   * ConnectException}).
   */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && (String.valueOf(t.getCause()).equals(t.getMessage())
            || (t.getMessage() == null && t.getCause().getClass() == t.getClass()))) {
      t = t.getCause();
    }
    String name = t.getClass().getSimpleName();
    if (t.getMessage() != null) {
      return name + ": " + t.getMessage();
    }
    return t.getCause() == null || t.getCause() == t ? name : name + ": " + describe(t.getCause());
  }

  /**
   * The wait until the instant in Gmail's per-user limit message, never negative: {@code "User-rate
   * limit exceeded. Retry after 2024-05-06T12:00:00.000Z (Mail sending)"}.
   */
  static Optional<Duration> retryAfterInMessage(String message, Instant now) {
    Matcher m = RETRY_IN_MESSAGE.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      Duration wait = Duration.between(now, Instant.parse(m.group(1)));
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static HttpResponseException responseIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException) {
        return (HttpResponseException) t;
      }
    }
    return null;
  }

  // Only the two standard fields are kept (RFC 6749 section 5.2): the rest of a body is not ours
  // to log.
  private static String tokenErrorOf(String content) {
    try {
      JsonNode body = content == null ? null : JSON.readTree(content);
      String error = body == null ? "" : body.path("error").asText("");
      String description = body == null ? "" : body.path("error_description").asText("");
      return (error.isEmpty() ? "" : " " + error)
          + (description.isEmpty() ? "" : ": " + description);
    } catch (IOException e) {
      return "";
    }
  }
}
