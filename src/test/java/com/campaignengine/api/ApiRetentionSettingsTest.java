package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code /api/v1/settings/retention} and {@code POST /api/v1/mailboxes/{id}/verify}. */
class ApiRetentionSettingsTest extends ApiTestSupport.OutboxServerPerTest {
  private Answer put(String json) {
    return send(
        request("/api/v1/settings/retention")
            .header("Content-Type", "application/json")
            .PUT(body(json)));
  }

  @Test
  void retention_shows_the_server_default_until_the_workspace_sets_its_own() {
    Answer initial = get("/api/v1/settings/retention");
    Answer set = put("{\"retention_days\": 30}");
    Answer forever = put("{\"retention_days\": 0}");
    Answer back = put("{\"retention_days\": null}");

    assertThat(initial.status()).isEqualTo(200);
    assertThat(initial.body().get("retention_days").asInt()).isEqualTo(90);
    assertThat(initial.body().get("source").asText()).isEqualTo("server");
    assertThat(initial.body().get("server_default_days").asInt()).isEqualTo(90);
    assertThat(set.body().get("retention_days").asInt()).isEqualTo(30);
    assertThat(set.body().get("source").asText()).isEqualTo("workspace");
    assertThat(forever.body().get("retention_days").asInt()).isZero();
    assertThat(forever.body().get("source").asText()).isEqualTo("workspace");
    assertThat(back.body().get("source").asText()).isEqualTo("server");
  }

  @Test
  void bad_retention_is_refused_naming_the_field_and_changes_nothing() {
    put("{\"retention_days\": 14}");

    Answer tooLong = put("{\"retention_days\": 3651}");
    Answer negative = put("{\"retention_days\": -1}");
    Answer missing = put("{}");
    Answer text = put("{\"retention_days\": \"a week\"}");

    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(negative.status()).isEqualTo(422);
    assertThat(missing.status()).isEqualTo(422);
    assertThat(text.status()).isEqualTo(400);
    for (Answer answer : new Answer[] {tooLong, negative, missing, text}) {
      assertThat(answer.field()).isEqualTo("retention_days");
    }
    assertThat(get("/api/v1/settings/retention").body().get("retention_days").asInt())
        .isEqualTo(14);
  }

  @Test
  void verify_asks_the_provider_about_a_stored_mailbox() {
    String id = createMailbox();

    Answer works = post("/api/v1/mailboxes/" + id + "/verify", "");
    Answer missing = post("/api/v1/mailboxes/999999/verify", "");

    assertThat(works.status()).isEqualTo(200);
    assertThat(works.body().get("verified").asBoolean()).isTrue();
    assertThat(works.body().get("id").asText()).isEqualTo(id);
    assertThat(missing.status()).isEqualTo(404);
  }
}
