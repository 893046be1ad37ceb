package com.campaignengine.mail.microsoft;

import com.campaignengine.http.RetryAfterHeader;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mailbox.MicrosoftTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Microsoft Graph and identity-platform failures into {@link SendResult}s, from Graph's
 * documented error body {@code {"error":{"code":"...","message":"..."}}}. Stateless and
 * thread-safe. Reasons carry Graph's {@code code} and {@code message}, never request bodies.
 *
 * <table>
 *   <caption>Graph responses</caption>
 *   <tr><th>HTTP</th><th>Graph code</th><th>result</th></tr>
 *   <tr><td>429</td><td>any</td><td>RateLimited: Retry-After, else 1 min</td></tr>
 *   <tr><td>any</td><td>ErrorQuotaExceeded, MailboxNotEnabledForRESTAPI, ErrorSendAsDenied,
 *       ErrorAccessDenied, ErrorMessageSubmissionBlocked, ErrorAccountDisabled</td>
 *       <td>AuthFailure (the mailbox cannot send: it is disconnected until someone acts)</td></tr>
 *   <tr><td>any</td><td>ErrorInvalidRecipients</td><td>PermanentFailure (this person)</td></tr>
 *   <tr><td>401, 403</td><td>other</td><td>AuthFailure</td></tr>
 *   <tr><td>408, 5xx</td><td>other</td><td>RetryableFailure with Retry-After, if given</td></tr>
 *   <tr><td>other 4xx</td><td>other</td><td>PermanentFailure</td></tr>
 * </table>
 *
 * <p>Token endpoint: a refused grant or client (400 {@code invalid_grant}, 401 {@code
 * invalid_client}) is an AuthFailure, so the mailbox is disconnected; 408, 429, 5xx and no answer
 * are retryable.
 */
final class GraphErrors {

  /** Graph's throttling guidance: wait as Retry-After says; without it, back off a minute. */
  static final Duration RATE_LIMIT_DEFAULT = Duration.ofMinutes(1);

  // Problems of the mailbox, not of the message: every send would fail alike.
  private static final Set<String> MAILBOX_WIDE =
      Set.of(
          "ErrorQuotaExceeded",
          "MailboxNotEnabledForRESTAPI",
          "MailboxNotSupportedForRESTAPI",
          "ErrorSendAsDenied",
          "ErrorAccessDenied",
          "ErrorMessageSubmissionBlocked",
          "ErrorAccountDisabled");

  private static final Set<String> RECIPIENT = Set.of("ErrorInvalidRecipients");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;

  private GraphErrors() {}

  /** Graph's error code and message: {@code ("ErrorInvalidRecipients", "...")}. */
  record GraphError(int status, String code, String message) {
    static GraphError parse(int status, String body) {
      JsonNode error;
      try {
        error = body == null || body.isBlank() ? null : JSON.readTree(body).path("error");
      } catch (IOException e) {
        error = null;
      }
      if (error == null || !error.isObject()) {
        return new GraphError(status, "", "");
      }
      String message = error.path("message").asText("").replaceAll("\\s+", " ").strip();
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE) + "...";
      }
      return new GraphError(status, error.path("code").asText(""), message);
    }

    /** E.g. {@code microsoft 400 ErrorInvalidRecipients: At least one recipient is not valid}. */
    String summary() {
      return "microsoft "
          + status
          + (code.isEmpty() ? "" : " " + code)
          + (message.isEmpty() ? "" : ": " + message);
    }
  }

  /**
   * Classifies a Graph response that was not 2xx.
   *
   * @param retryAfterHeader the response's {@code Retry-After} header, if any
   * @param now the current time, to turn dates into waits
   */
  static SendResult classify(
      int status, Optional<String> retryAfterHeader, String body, Instant now) {
    GraphError error = GraphError.parse(status, body);
    String reason = error.summary();
    Optional<Duration> hint = RetryAfterHeader.parseNegativeAsNoWait(retryAfterHeader, now);
    if (status == 429) {
      return new SendResult.RateLimited(reason, hint.orElse(RATE_LIMIT_DEFAULT));
    }
    if (MAILBOX_WIDE.contains(error.code())) {
      return new SendResult.AuthFailure(reason);
    }
    if (RECIPIENT.contains(error.code())) {
      return new SendResult.PermanentFailure(reason);
    }
    if (status == 401 || status == 403) {
      return new SendResult.AuthFailure(reason);
    }
    if (status == 408 || status >= 500) {
      return new SendResult.RetryableFailure(reason, hint.orElse(null));
    }
    return new SendResult.PermanentFailure(reason);
  }

  /** A failed token refresh: refused (invalid_grant, invalid_client) disconnects the mailbox. */
  static SendResult tokenFailure(MicrosoftTokens.TokenException e) {
    return e.refused()
        ? new SendResult.AuthFailure(e.getMessage())
        : new SendResult.RetryableFailure(e.getMessage(), null);
  }

  /** A request that got no HTTP answer (refused, reset, timed out). */
  static SendResult networkFailure(IOException e) {
    String name = e.getClass().getSimpleName();
    return new SendResult.RetryableFailure(
        "microsoft request failed: "
            + (e.getMessage() == null ? name : name + ": " + e.getMessage()),
        null);
  }

  /** The reason inside any result but {@link SendResult.Sent}, for which it is {@code ""}. */
  static String reasonOf(SendResult result) {
    if (result instanceof SendResult.RetryableFailure r) {
      return r.reason();
    }
    if (result instanceof SendResult.PermanentFailure r) {
      return r.reason();
    }
    if (result instanceof SendResult.AuthFailure r) {
      return r.reason();
    }
    if (result instanceof SendResult.RateLimited r) {
      return r.reason();
    }
    return "";
  }
}
