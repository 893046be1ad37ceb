package com.campaignengine.node;

import com.campaignengine.personalize.GeminiPersonalizer;
import com.campaignengine.personalize.OpenAiCompatiblePersonalizer;
import com.campaignengine.personalize.Personalizer;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The AI model of a node: {@code CAMPAIGN_ENGINE_AI_PROVIDER} ({@code gemini} or {@code openai}),
 * {@code CAMPAIGN_ENGINE_AI_API_KEY}, {@code CAMPAIGN_ENGINE_AI_MODEL}, {@code
 * CAMPAIGN_ENGINE_AI_BASE_URL}, {@code CAMPAIGN_ENGINE_AI_DAILY_BUDGET} (model calls per workspace
 * per day, default 1000). Without a provider, AI steps send their plain template. The API key is
 * never part of {@link #toString}.
 *
 * @param provider {@code gemini}, {@code openai}, or null for no model
 * @param model null: the provider's default model
 * @param baseUrl null: the provider's production URL
 */
public record AiSettings(
    String provider, String apiKey, String model, URI baseUrl, int dailyBudget) {
  public static final int DEFAULT_DAILY_BUDGET = 1000;
  static final URI DEFAULT_OPENAI_URL = URI.create("https://api.openai.com");
  static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

  /** No model, the default budget. */
  public static final AiSettings NONE =
      new AiSettings(null, null, null, null, DEFAULT_DAILY_BUDGET);

  public AiSettings {
    if (provider != null && !provider.equals("gemini") && !provider.equals("openai")) {
      throw new IllegalArgumentException(
          "CAMPAIGN_ENGINE_AI_PROVIDER must be gemini or openai, not " + provider);
    }
  }

  static AiSettings fromEnvironment(UnaryOperator<String> env) {
    String provider = env.apply("CAMPAIGN_ENGINE_AI_PROVIDER");
    String base = env.apply("CAMPAIGN_ENGINE_AI_BASE_URL");
    return new AiSettings(
        provider == null || provider.isBlank() ? null : provider.strip(),
        env.apply("CAMPAIGN_ENGINE_AI_API_KEY"),
        env.apply("CAMPAIGN_ENGINE_AI_MODEL"),
        base == null || base.isBlank() ? null : URI.create(base.strip()),
        dailyBudget(env.apply("CAMPAIGN_ENGINE_AI_DAILY_BUDGET")));
  }

  private static int dailyBudget(String budget) {
    if (budget == null || budget.isBlank()) {
      return DEFAULT_DAILY_BUDGET;
    }
    try {
      return Integer.parseInt(budget.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "CAMPAIGN_ENGINE_AI_DAILY_BUDGET must be a whole number", e);
    }
  }

  /** The same settings with another daily budget of model calls per workspace. */
  public AiSettings withDailyBudget(int budget) {
    return new AiSettings(provider, apiKey, model, baseUrl, budget);
  }

  /** The model these settings describe, or null without a provider. */
  Personalizer personalizer() {
    if (provider == null) {
      return null;
    }
    return switch (provider) {
      case "gemini" -> new GeminiPersonalizer(baseUrl, apiKey, model, null, 2);
      default ->
          new OpenAiCompatiblePersonalizer(
              baseUrl == null ? DEFAULT_OPENAI_URL : baseUrl,
              apiKey,
              model == null ? DEFAULT_OPENAI_MODEL : model,
              Duration.ofSeconds(20),
              2);
    };
  }

  @Override
  public String toString() {
    return "AiSettings[provider="
        + provider
        + ", apiKey="
        + Redaction.of(apiKey)
        + ", model="
        + model
        + ", baseUrl="
        + baseUrl
        + ", dailyBudget="
        + dailyBudget
        + "]";
  }
}
