package com.campaignengine.personalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Personalizer} over Google's Gemini API: {@code POST
 * {base}/v1beta/models/{model}:generateContent}, key in the {@code x-goog-api-key} header (not the
 * query string, so it cannot leak through logged URLs).
 *
 * <p>A prompt blocked by {@code promptFeedback.blockReason}, no candidates, or a safety-type {@code
 * finishReason} gives {@code Failed("blocked: ...")}; {@code MAX_TOKENS} gives {@code
 * Failed("truncated: ...")}. Retries and timeouts as in {@link RetryingHttp}.
 *
 * <p>Thread-safe; one HTTP client per instance.
 */
public final class GeminiPersonalizer implements Personalizer {

  public static final URI DEFAULT_BASE_URL =
      URI.create("https://generativelanguage.googleapis.com");
  public static final String DEFAULT_MODEL = "gemini-2.0-flash";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  public static final int DEFAULT_MAX_RETRIES = 2;

  private static final Logger log = LoggerFactory.getLogger(GeminiPersonalizer.class);
  private static final Set<String> OK_FINISH = Set.of("STOP", "FINISH_REASON_UNSPECIFIED", "");

  private final URI endpoint;
  private final String apiKey;
  private final String model;
  private final RetryingHttp http;

  /** With the default base URL, model, timeout and retries. */
  public GeminiPersonalizer(String apiKey) {
    this(DEFAULT_BASE_URL, apiKey, DEFAULT_MODEL, DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES);
  }

  /** Null {@code baseUrl}, {@code model} or {@code timeout} mean the defaults. */
  public GeminiPersonalizer(
      URI baseUrl, String apiKey, String model, Duration timeout, int maxRetries) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.model =
        model == null || model.isBlank() ? DEFAULT_MODEL : model.replaceFirst("^models/", "");
    String base = (baseUrl == null ? DEFAULT_BASE_URL : baseUrl).toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/v1beta/models/" + this.model + ":generateContent");
    this.http = new RetryingHttp(name(), timeout == null ? DEFAULT_TIMEOUT : timeout, maxRetries);
  }

  @Override
  public String name() {
    return "gemini:" + model;
  }

  @Override
  public PersonalizeResult personalize(PersonalizeRequest request) {
    // Tokens run ~1.3-1.5 per English word; room to spare, so the check (not the cap) limits
    // length.
    return call(
        body(
            Prompts.system(request),
            Prompts.user(request),
            Math.max(256, request.maxWords() * 3),
            0.7),
        text -> ProviderResponses.checked(text, request));
  }

  @Override
  public PersonalizeResult ask(String system, String user, int maxTokens) {
    return call(body(system, user, maxTokens, 0), PersonalizeResult.Personalized::new);
  }

  private static String body(String system, String userText, int maxTokens, double temperature) {
    ObjectNode body = ProviderResponses.JSON.createObjectNode();
    ObjectNode user = body.putArray("contents").addObject().put("role", "user");
    user.putArray("parts").addObject().put("text", userText);
    body.putObject("systemInstruction").putArray("parts").addObject().put("text", system);
    body.putObject("generationConfig")
        .put("maxOutputTokens", maxTokens)
        .put("temperature", temperature);
    return body.toString();
  }

  private PersonalizeResult call(
      String body, java.util.function.Function<String, PersonalizeResult> answer) {
    try {
      HttpResponse<String> response = http.post(endpoint, Map.of("x-goog-api-key", apiKey), body);
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

  private static PersonalizeResult read(
      String body, java.util.function.Function<String, PersonalizeResult> answer) {
    Optional<JsonNode> parsed = ProviderResponses.parse(body);
    if (parsed.isEmpty()) {
      return new PersonalizeResult.Failed("unreadable response");
    }
    JsonNode json = parsed.get();
    String blockReason = json.path("promptFeedback").path("blockReason").asText("");
    if (!blockReason.isEmpty()) {
      return new PersonalizeResult.Failed("blocked: " + blockReason);
    }
    JsonNode candidate = json.path("candidates").path(0);
    if (candidate.isMissingNode()) {
      return new PersonalizeResult.Failed("blocked: no candidates");
    }
    String finish = candidate.path("finishReason").asText("");
    if (finish.equals("MAX_TOKENS")) {
      return new PersonalizeResult.Failed("truncated: MAX_TOKENS");
    }
    if (!OK_FINISH.contains(finish)) {
      return new PersonalizeResult.Failed("blocked: " + finish);
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : candidate.path("content").path("parts")) {
      // Thinking models may return their reasoning as parts marked "thought": never email it.
      if (!part.path("thought").asBoolean(false)) {
        text.append(part.path("text").asText(""));
      }
    }
    return answer.apply(text.toString());
  }
}
