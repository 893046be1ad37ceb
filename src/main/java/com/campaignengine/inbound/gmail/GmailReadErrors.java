package com.campaignengine.inbound.gmail;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.InboundException.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.util.Locale;

/**
 * Operator-facing descriptions of Gmail API and OAuth token failures. They carry only Google's
 * standard error fields, never tokens, request bodies or mail. Stateless and thread-safe.
 */
final class GmailReadErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  // Error messages are short sentences; the cap only guards logs against a misbehaving proxy.
  private static final int MAX_MESSAGE = 300;

  private GmailReadErrors() {}

  /** A Gmail API error answer as an exception of its kind (see {@link #kind}). */
  static InboundException failure(int status, String body) {
    return new InboundException(kind(status, body), apiFailure(status, body), null);
  }

  /**
   * 429 and the usage-limit reasons (rateLimitExceeded, userRateLimitExceeded, dailyLimitExceeded,
   * quotaExceeded) are rate limits; other 401s and 403s (revoked, insufficient scopes) are
   * credentials; 5xx means Google is not answering properly; the rest failed.
   */
  static Kind kind(int status, String body) {
    JsonNode error = read(body).path("error");
    String reason = error.path("errors").path(0).path("reason").asText("");
    if (status == 429
        || reason.toLowerCase(Locale.ROOT).contains("limitexceeded")
        || reason.equals("quotaExceeded")) {
      return Kind.RATE_LIMITED;
    }
    if (status == 401 || status == 403) {
      return Kind.CREDENTIALS;
    }
    return status >= 500 ? Kind.UNREACHABLE : Kind.FAILED;
  }

  /**
   * A Gmail API error answer, e.g. {@code "gmail 403 insufficientPermissions: Request had
   * insufficient authentication scopes."}, from Google's {@code {"error":{"message":...,
   * "errors":[{"reason":...}],"status":...}}}.
   */
  static String apiFailure(int status, String body) {
    JsonNode error = read(body).path("error");
    String reason = error.path("errors").path(0).path("reason").asText("");
    if (reason.isEmpty()) {
      reason = error.path("status").asText("");
    }
    return "gmail " + status + part(" ", reason) + part(": ", error.path("message").asText(""));
  }

  /**
   * A failed token refresh as an exception: refused by Google (invalid_grant, invalid_client) is
   * {@link Kind#CREDENTIALS}, no answer {@link Kind#UNREACHABLE}.
   */
  static InboundException tokenException(IOException e) {
    boolean answered = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException response) {
        answered = response.getStatusCode() < 500;
      }
    }
    return new InboundException(answered ? Kind.CREDENTIALS : Kind.UNREACHABLE, tokenFailure(e), e);
  }

  /**
   * A failed token refresh, e.g. {@code "gmail OAuth token 400 invalid_grant: Token has been
   * expired or revoked."} (RFC 6749 §5.2 {@code error} and {@code error_description} only).
   */
  static String tokenFailure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException response) {
        JsonNode body = read(response.getContent());
        return "gmail OAuth token "
            + response.getStatusCode()
            + part(" ", body.path("error").asText(""))
            + part(": ", body.path("error_description").asText(""));
      }
    }
    return "gmail OAuth token request failed: " + describe(e);
  }

  /** The failure's class and message, skipping wrappers that merely repeat their cause. */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && (t.getMessage() == null || t.getMessage().equals(String.valueOf(t.getCause())))) {
      t = t.getCause();
    }
    String name = t.getClass().getSimpleName();
    return t.getMessage() == null ? name : name + ": " + t.getMessage();
  }

  private static JsonNode read(String body) {
    try {
      return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
    } catch (IOException e) {
      // Not Google's JSON (an HTML page from a proxy, say): its text is deliberately dropped.
      return JSON.missingNode();
    }
  }

  private static String part(String prefix, String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    if (oneLine.isEmpty()) {
      return "";
    }
    return prefix
        + (oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...");
  }
}
