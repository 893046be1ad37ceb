package com.campaignengine;

import com.campaignengine.personalize.GeminiPersonalizer;
import com.campaignengine.personalize.OpenAiCompatiblePersonalizer;
import com.campaignengine.personalize.Personalizer;
import java.net.URI;
import java.time.Duration;

/**
 * The AI model from the environment: {@code CAMPAIGN_ENGINE_AI_PROVIDER} ({@code gemini} or {@code
 * openai}), {@code CAMPAIGN_ENGINE_AI_API_KEY}, {@code CAMPAIGN_ENGINE_AI_MODEL}, {@code
 * CAMPAIGN_ENGINE_AI_BASE_URL}, {@code CAMPAIGN_ENGINE_AI_DAILY_BUDGET} (model calls per workspace
 * per day, default 1000). Without a provider, AI steps send their plain template.
 */
final class AiSettings {
  static final int DEFAULT_DAILY_BUDGET = 1000;

  private AiSettings() {}

  static Personalizer personalizerFromEnvironment() {
    String provider = System.getenv("CAMPAIGN_ENGINE_AI_PROVIDER");
    if (provider == null || provider.isBlank()) {
      return null;
    }
    String key = System.getenv("CAMPAIGN_ENGINE_AI_API_KEY");
    String model = System.getenv("CAMPAIGN_ENGINE_AI_MODEL");
    String base = System.getenv("CAMPAIGN_ENGINE_AI_BASE_URL");
    URI baseUrl = base == null || base.isBlank() ? null : URI.create(base.strip());
    return switch (provider.strip()) {
      case "gemini" -> new GeminiPersonalizer(baseUrl, key, model, null, 2);
      case "openai" ->
          new OpenAiCompatiblePersonalizer(
              baseUrl == null ? URI.create("https://api.openai.com") : baseUrl,
              key,
              model == null ? "gpt-4o-mini" : model,
              Duration.ofSeconds(20),
              2);
      default ->
          throw new IllegalArgumentException(
              "CAMPAIGN_ENGINE_AI_PROVIDER must be gemini or openai, not " + provider);
    };
  }

  static int dailyBudgetFromEnvironment() {
    String budget = System.getenv("CAMPAIGN_ENGINE_AI_DAILY_BUDGET");
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
}
