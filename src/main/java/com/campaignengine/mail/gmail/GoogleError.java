package com.campaignengine.mail.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The parts of Google's JSON error body that classification needs: {@code
 * {"error":{"code":403,"message":"...","errors":[{"domain":"usageLimits","reason":"..."}],
 * "status":"PERMISSION_DENIED"}}}. Immutable.
 *
 * @param httpStatus the HTTP status of the response
 * @param reason the first {@code errors[].reason} (e.g. {@code userRateLimitExceeded}), else the
 *     gRPC-style {@code status} (e.g. {@code RESOURCE_EXHAUSTED}), else {@code ""}
 * @param message Google's {@code message}, shortened; {@code ""} when the body was not Google's
 *     JSON
 */
record GoogleError(int httpStatus, String reason, String message) {

  private static final ObjectMapper JSON = new ObjectMapper();

  // Error messages are short sentences; the cap only guards logs against a misbehaving proxy.
  private static final int MAX_MESSAGE = 300;

  /**
   * Reads an error body. Never fails: a body that is not Google's format (an HTML page from a load
   * balancer, say) yields an error with only the HTTP status, and its text is deliberately dropped.
   */
  static GoogleError parse(int httpStatus, String body) {
    JsonNode error;
    try {
      error = body == null || body.isBlank() ? null : JSON.readTree(body).path("error");
    } catch (IOException e) {
      error = null;
    }
    if (error == null || !error.isObject()) {
      return new GoogleError(httpStatus, "", "");
    }
    String reason = error.path("errors").path(0).path("reason").asText("");
    if (reason.isEmpty()) {
      reason = error.path("status").asText("");
    }
    return new GoogleError(httpStatus, reason, shorten(error.path("message").asText("")));
  }

  /** Operator-facing summary, e.g. {@code gmail 403 userRateLimitExceeded: User-rate limit}. */
  String summary() {
    StringBuilder text = new StringBuilder("gmail ").append(httpStatus);
    if (!reason.isEmpty()) {
      text.append(' ').append(reason);
    }
    if (!message.isEmpty()) {
      text.append(": ").append(message);
    }
    return text.toString();
  }

  private static String shorten(String message) {
    String oneLine = message.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
  }
}
