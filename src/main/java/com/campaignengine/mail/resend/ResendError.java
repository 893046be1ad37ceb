package com.campaignengine.mail.resend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * The fields of one Resend JSON answer that matter here: error {@code name} and {@code message}
 * ({@code {"statusCode":422,"name":"validation_error","message":"..."}}), or the {@code id} of an
 * accepted email. All optional: a non-JSON body (e.g. a proxy's HTML error page) leaves them empty.
 * Immutable.
 */
record ResendError(int status, String name, String message, Optional<String> id) {

  private static final int MAX_MESSAGE = 300;

  static ResendError parse(int status, String body) {
    JsonNode json = null;
    try {
      json = body == null || body.isBlank() ? null : ResendPayload.JSON.readTree(body);
    } catch (IOException e) {
      // Not JSON (e.g. a proxy's HTML error page): classify by status alone.
    }
    if (json == null || !json.isObject()) {
      return new ResendError(status, "", "", Optional.empty());
    }
    return new ResendError(
        status,
        json.path("name").asText(""),
        singleLine(json.path("message").asText("")),
        Optional.ofNullable(json.path("id").textValue()).filter(s -> !s.isBlank()));
  }

  String reason() {
    StringBuilder reason = new StringBuilder("Resend ").append(status);
    if (!name.isEmpty()) {
      reason.append(' ').append(name);
    }
    if (!message.isEmpty()) {
      reason.append(": ").append(message);
    }
    return reason.toString();
  }

  private static String singleLine(String s) {
    String line = s.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
  }
}
