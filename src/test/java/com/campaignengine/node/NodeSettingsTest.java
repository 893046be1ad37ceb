package com.campaignengine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.engine.EngineConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {
  private static final String SECRET_KEY = "c2VjcmV0LWtleS1vZi10aGlydHktdHdvLWJ5dGVzISE=";
  private static final String WEBHOOK_SECRET = "generic-hmac-secret-42";
  private static final String RESEND_SECRET = "whsec_resendSigningSecret99";
  private static final String AI_KEY = "sk-ai-api-key-1234567890";
  private static final String ALERT_HOOK = "https://hooks.slack.com/services/T0/B0/slackToken77";
  private static final String DB_PASSWORD = "db-password-555";

  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "CAMPAIGN_ENGINE_SECRET_KEY", SECRET_KEY,
          "CAMPAIGN_ENGINE_WEBHOOK_SECRET", WEBHOOK_SECRET,
          "CAMPAIGN_ENGINE_RESEND_WEBHOOK_SECRET", RESEND_SECRET,
          "CAMPAIGN_ENGINE_AI_PROVIDER", "openai",
          "CAMPAIGN_ENGINE_AI_API_KEY", AI_KEY,
          "CAMPAIGN_ENGINE_AI_DAILY_BUDGET", "50",
          "CAMPAIGN_ENGINE_ALERT_WEBHOOK_URL", ALERT_HOOK,
          "CAMPAIGN_ENGINE_PUBLIC_URL", "https://mail.recruit.example");

  @Test
  void settings_from_the_environment_never_show_a_secret_in_to_string() {
    NodeSettings settings = NodeSettings.fromEnvironment(ENVIRONMENT::get);

    assertThat(settings.secrets().secretKey()).isEqualTo(SECRET_KEY);
    assertThat(settings.ai().apiKey()).isEqualTo(AI_KEY);
    assertThat(settings.toString())
        .doesNotContain(SECRET_KEY, WEBHOOK_SECRET, RESEND_SECRET, AI_KEY, "slackToken77")
        .contains("<redacted>", "https://mail.recruit.example", "openai", "dailyBudget=50");
  }

  @Test
  void options_never_show_the_database_password_or_a_secret_in_to_string() {
    NodeSettings settings = NodeSettings.fromEnvironment(ENVIRONMENT::get);
    for (String url :
        new String[] {
          "postgres://engine:" + DB_PASSWORD + "@db.internal:5432/campaigns",
          "jdbc:postgresql://db.internal/campaigns?user=engine&password=" + DB_PASSWORD + "&ssl=on"
        }) {
      NodeOptions options =
          new NodeOptions(
              new StorageSettings(Path.of("data"), url, true),
              EngineConfig.builder().build(),
              true,
              settings);

      assertThat(options.toString())
          .doesNotContain(DB_PASSWORD, SECRET_KEY, WEBHOOK_SECRET, RESEND_SECRET, AI_KEY)
          .contains("db.internal", "engine");
    }
  }

  @Test
  void unset_secrets_show_as_null_rather_than_redacted() {
    NodeSettings settings = NodeSettings.fromEnvironment(name -> null);

    assertThat(settings.secrets().toString())
        .isEqualTo(
            "NodeSecrets[secretKey=null, webhookSecret=null, resendWebhookSecret=null,"
                + " adminKey=null]");
    assertThat(settings.publicUrl()).isEqualTo(NodeSettings.DEFAULT_PUBLIC_URL);
    assertThat(settings.ai().personalizer()).as("no provider, no model").isNull();
    assertThat(settings.ai().dailyBudget()).isEqualTo(AiSettings.DEFAULT_DAILY_BUDGET);
  }

  @Test
  void an_unknown_ai_provider_is_refused_by_name() {
    assertThatThrownBy(
            () -> NodeSettings.fromEnvironment(Map.of("CAMPAIGN_ENGINE_AI_PROVIDER", "llama")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CAMPAIGN_ENGINE_AI_PROVIDER must be gemini or openai, not llama");
  }

  @Test
  void the_admin_key_is_read_kept_out_of_to_string_and_refused_when_short() {
    String adminKey = "admin-key-0123456789";
    NodeSettings settings =
        NodeSettings.fromEnvironment(Map.of("CAMPAIGN_ENGINE_ADMIN_KEY", adminKey)::get);

    assertThat(settings.secrets().adminKey()).isEqualTo(adminKey);
    assertThat(settings.toString()).doesNotContain(adminKey).contains("adminKey=<redacted>");
    assertThatThrownBy(
            () ->
                NodeSettings.fromEnvironment(
                    Map.of("CAMPAIGN_ENGINE_ADMIN_KEY", "short-key-12345")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("CAMPAIGN_ENGINE_ADMIN_KEY must be at least 16 characters long")
        .hasMessageNotContaining("short-key-12345");
    assertThat(NodeSettings.fromEnvironment(Map.of("CAMPAIGN_ENGINE_ADMIN_KEY", " ")::get))
        .as("blank: off")
        .satisfies(blank -> assertThat(blank.secrets().adminKey()).isNull());
  }
}
