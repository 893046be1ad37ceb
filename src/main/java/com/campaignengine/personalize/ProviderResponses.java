package com.campaignengine.personalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Helpers shared by the adapters: JSON parsing, provider error messages and the final output check.
 * Stateless and thread-safe.
 */
final class ProviderResponses {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;

  private ProviderResponses() {}

  static Optional<JsonNode> parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || !node.isObject() ? Optional.empty() : Optional.of(node);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code "HTTP 400: <error.message>"}; both formats put the message at error.message. */
  static PersonalizeResult.Failed httpFailure(HttpResponse<String> response) {
    String message =
        parse(response.body())
            .map(json -> json.path("error").path("message").asText(""))
            .filter(m -> !m.isBlank())
            .orElse("no error message");
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    return new PersonalizeResult.Failed("HTTP " + response.statusCode() + ": " + message);
  }

  /** The stripped text if it passes {@link OutputChecks}, else a Failed naming the problem. */
  static PersonalizeResult checked(String text, PersonalizeRequest request) {
    String stripped = text == null ? "" : text.strip();
    return OutputChecks.problem(stripped, request)
        .<PersonalizeResult>map(p -> new PersonalizeResult.Failed("output check: " + p))
        .orElseGet(() -> new PersonalizeResult.Personalized(stripped));
  }

  static boolean success(HttpResponse<?> response) {
    return response.statusCode() / 100 == 2;
  }
}
