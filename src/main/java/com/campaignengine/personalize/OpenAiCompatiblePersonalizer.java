package com.campaignengine.personalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Personalizer} over any OpenAI-compatible chat API (OpenAI, Azure-style proxies, vLLM,
 * Ollama, LM Studio...): {@code POST {base}/v1/chat/completions}, {@code Authorization: Bearer}
 * when a key is given (local servers often need none).
 *
 * <p>{@code finish_reason} {@code length} gives {@code Failed("truncated: ...")}, {@code
 * content_filter} gives {@code Failed("blocked: ...")}. Retries and timeouts as in {@link
 * RetryingHttp}.
 *
 * <p>Thread-safe; one HTTP client per instance.
 */
public final class OpenAiCompatiblePersonalizer implements Personalizer {

  private static final Logger log = LoggerFactory.getLogger(OpenAiCompatiblePersonalizer.class);

  private final URI endpoint;
  private final Map<String, String> headers;
  private final String model;
  private final RetryingHttp http;

  /** {@code apiKey} may be null or blank for servers without authentication. */
  public OpenAiCompatiblePersonalizer(
      URI baseUrl, String apiKey, String model, Duration timeout, int maxRetries) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    this.model = Objects.requireNonNull(model, "model");
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/v1/chat/completions");
    this.headers =
        apiKey == null || apiKey.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    this.http = new RetryingHttp(name(), Objects.requireNonNull(timeout, "timeout"), maxRetries);
  }

  @Override
  public String name() {
    return "openai-compatible:" + model;
  }

  @Override
  public PersonalizeResult personalize(PersonalizeRequest request) {
    return call(
        messages(Prompts.system(request), Prompts.user(request))
            // Tokens run ~1.3-1.5 per English word; room to spare, so the check (not the cap)
            // limits length.
            .put("max_tokens", Math.max(256, request.maxWords() * 3))
            .put("temperature", 0.7),
        text -> ProviderResponses.checked(text, request));
  }

  @Override
  public PersonalizeResult ask(String system, String user, int maxTokens) {
    return call(
        messages(system, user).put("max_tokens", maxTokens).put("temperature", 0),
        PersonalizeResult.Personalized::new);
  }

  private PersonalizeResult call(
      ObjectNode body, java.util.function.Function<String, PersonalizeResult> answer) {
    try {
      HttpResponse<String> response = http.post(endpoint, headers, body.toString());
      PersonalizeResult result =
          ProviderResponses.success(response)
              ? read(response.body(), answer)
              : ProviderResponses.httpFailure(response);
      if (result instanceof PersonalizeResult.Failed failed) {
        log.warn("{} failed: {}", name(), failed.reason());
      }
      return result;
    } catch (CallFailed e) {
      log.warn("{} failed: {}", name(), e.getMessage());
      return new PersonalizeResult.Failed(e.getMessage());
    }
  }

  private ObjectNode messages(String system, String user) {
    ObjectNode body = ProviderResponses.JSON.createObjectNode().put("model", model);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", user);
    return body;
  }

  private static PersonalizeResult read(
      String body, java.util.function.Function<String, PersonalizeResult> answer) {
    Optional<JsonNode> parsed = ProviderResponses.parse(body);
    if (parsed.isEmpty()) {
      return new PersonalizeResult.Failed("unreadable response");
    }
    JsonNode choice = parsed.get().path("choices").path(0);
    if (choice.isMissingNode()) {
      // Some compatible servers answer 200 with an error object instead of choices.
      String message = parsed.get().path("error").path("message").asText("");
      return new PersonalizeResult.Failed(
          message.isBlank() ? "no choices" : "no choices: " + message);
    }
    String finish = choice.path("finish_reason").asText("");
    if (finish.equals("length")) {
      return new PersonalizeResult.Failed("truncated: length");
    }
    if (finish.equals("content_filter")) {
      return new PersonalizeResult.Failed("blocked: content_filter");
    }
    return answer.apply(choice.path("message").path("content").asText(""));
  }
}
