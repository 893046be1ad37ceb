package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/alerts} and the campaign's {@code auto_pause_on_spike} setting. */
class ApiAlertsTest extends ApiTestSupport.OutboxServerPerTest {
  @Test
  void alerts_are_listed_by_status_newest_first() {
    String mailbox = createMailbox();
    String person = createPerson("grace@navy.example", "Grace");
    String campaign = createCampaignFrom(mailbox);
    activate(campaign);
    enrollIn(campaign, person);
    clock.advance(Duration.ofMinutes(15));
    app.alertEvaluator().evaluateAll();

    Answer firing = get("/api/v1/alerts?status=firing");

    assertThat(firing.status()).isEqualTo(200);
    assertThat(items(firing))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.get("key").asText()).startsWith("queue_lag:workspace=");
              assertThat(alert.get("rule").asText()).isEqualTo("queue_lag");
              assertThat(alert.get("status").asText()).isEqualTo("firing");
              assertThat(alert.get("message").asText()).contains("15 minutes");
              assertThat(alert.get("fired_at").asText()).isEqualTo(clock.instant().toString());
              assertThat(alert.get("resolved_at").isNull()).isTrue();
            });
    assertThat(count("/api/v1/alerts?status=resolved")).isZero();

    app.engine().runUntilIdle();
    app.alertEvaluator().evaluateAll();

    assertThat(count("/api/v1/alerts?status=firing")).isZero();
    assertThat(items(get("/api/v1/alerts?status=resolved")))
        .singleElement()
        .satisfies(alert -> assertThat(alert.get("resolved_at").isNull()).isFalse());
    assertThat(count("/api/v1/alerts")).isEqualTo(1);
  }

  @Test
  void a_bad_status_is_refused_naming_the_field() {
    Answer answer = get("/api/v1/alerts?status=open");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.field()).isEqualTo("status");
    assertThat(get("/api/v1/alerts?limit=0").field()).isEqualTo("limit");
  }

  @Test
  void auto_pause_on_spike_is_a_campaign_setting_off_by_default() {
    String mailbox = createMailbox();
    String plain = campaignJson("[\"" + mailbox + "\"]");
    Answer off = post("/api/v1/campaigns", plain);
    assertThat(off.body().get("auto_pause_on_spike").asBoolean()).isFalse();

    String withSetting = plain.replaceFirst("\\{", "{\"auto_pause_on_spike\": true, ");
    Answer on = post("/api/v1/campaigns", withSetting);
    assertThat(on.status()).isEqualTo(201);
    assertThat(
            get("/api/v1/campaigns/" + on.body().get("id").asText())
                .body()
                .get("auto_pause_on_spike")
                .asBoolean())
        .isTrue();

    Answer wrong =
        post("/api/v1/campaigns", plain.replaceFirst("\\{", "{\"auto_pause_on_spike\": \"yes\", "));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.field()).isEqualTo("auto_pause_on_spike");
  }
}
