package com.campaignengine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code CAMPAIGN_ENGINE_ALERT_*}: defaults, values, and refusals that name the variable. */
class AlertSettingsTest {

  private static AlertSettings from(Map<String, String> env) {
    return AlertSettings.fromEnvironment(env::get);
  }

  @Test
  void without_variables_the_defaults_hold_and_only_the_log_is_told() {
    AlertSettings settings = from(Map.of());
    assertThat(settings).isEqualTo(AlertSettings.DEFAULTS);
    assertThat(settings.thresholds().bounces().rate()).isEqualTo(0.05);
    assertThat(settings.thresholds().queueLag()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void every_variable_is_read() {
    AlertSettings settings =
        from(
            Map.of(
                "CAMPAIGN_ENGINE_ALERT_INTERVAL_SECONDS", "30",
                "CAMPAIGN_ENGINE_ALERT_WEBHOOK_URL", "https://hooks.slack.example/T1/B2",
                "CAMPAIGN_ENGINE_ALERT_EMAIL_TO", "owner@recruit.example",
                "CAMPAIGN_ENGINE_ALERT_EMAIL_MAILBOX_ID", "3",
                "CAMPAIGN_ENGINE_ALERT_ERROR_RATE_PERCENT", "25",
                "CAMPAIGN_ENGINE_ALERT_BOUNCE_RATE_PERCENT", "2.5",
                "CAMPAIGN_ENGINE_ALERT_MIN_SAMPLE", "50",
                "CAMPAIGN_ENGINE_ALERT_DEAD_LETTERS", "5",
                "CAMPAIGN_ENGINE_ALERT_QUEUE_LAG_MINUTES", "30",
                "CAMPAIGN_ENGINE_ALERT_DAILY_CAP_BEFORE", "12:30"));
    assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.webhookUrl()).isEqualTo(URI.create("https://hooks.slack.example/T1/B2"));
    assertThat(settings.emailTo()).isEqualTo("owner@recruit.example");
    assertThat(settings.emailMailboxId()).isEqualTo(3L);
    AlertThresholds t = settings.thresholds();
    assertThat(t.errors().rate()).isEqualTo(0.25);
    assertThat(t.bounces().rate()).isEqualTo(0.025);
    assertThat(t.minSample()).isEqualTo(50);
    assertThat(t.deadLetters().count()).isEqualTo(5);
    assertThat(t.queueLag()).isEqualTo(Duration.ofMinutes(30));
    assertThat(t.dailyCapBefore()).isEqualTo(LocalTime.of(12, 30));
  }

  @Test
  void bad_values_are_refused_naming_the_variable() {
    assertThatThrownBy(() -> from(Map.of("CAMPAIGN_ENGINE_ALERT_BOUNCE_RATE_PERCENT", "150")))
        .hasMessageContaining("CAMPAIGN_ENGINE_ALERT_BOUNCE_RATE_PERCENT");
    assertThatThrownBy(() -> from(Map.of("CAMPAIGN_ENGINE_ALERT_WEBHOOK_URL", "ftp://x")))
        .hasMessageContaining("CAMPAIGN_ENGINE_ALERT_WEBHOOK_URL");
    assertThatThrownBy(() -> from(Map.of("CAMPAIGN_ENGINE_ALERT_DAILY_CAP_BEFORE", "3pm")))
        .hasMessageContaining("CAMPAIGN_ENGINE_ALERT_DAILY_CAP_BEFORE");
    assertThatThrownBy(() -> from(Map.of("CAMPAIGN_ENGINE_ALERT_EMAIL_TO", "a@b.example")))
        .hasMessageContaining("CAMPAIGN_ENGINE_ALERT_EMAIL_MAILBOX_ID");
    assertThatThrownBy(() -> from(Map.of("CAMPAIGN_ENGINE_ALERT_INTERVAL_SECONDS", "0")))
        .hasMessageContaining("CAMPAIGN_ENGINE_ALERT_INTERVAL_SECONDS");
  }
}
