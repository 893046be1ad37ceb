package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Holidays through the API: a campaign's country preset and a workspace's blackout dates keep the
 * window shut; the presets can be looked at; bad calendars and dates are refused by field.
 */
class ApiHolidaysTest extends ApiTestSupport.ServerPerTest {
  /** Thanksgiving 2026, 10:00 in New York. */
  private static final Instant THANKSGIVING = Instant.parse("2026-11-26T15:00:00Z");

  private String mailbox;

  @BeforeEach
  void createData() {
    clock.set(THANKSGIVING);
    mailbox = createMailbox();
  }

  private String campaign(String holidays) {
    Answer created =
        post(
            "/api/v1/campaigns",
            "{\"name\":\"holidays\",\"mailbox_ids\":[\""
                + mailbox
                + "\"],\"timezone\":\"America/New_York\",\"sending_window\":{\"days\":"
                + "[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"],\"start\":\"09:00\",\"end\":\"17:00\"},"
                + "\"holidays\":"
                + holidays
                + ",\"steps\":[{\"key\":\"intro\",\"type\":\"email\",\"subject\":\"Hi\","
                + "\"body\":\"Hi\"}]}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String id = created.body().get("id").asText();
    activate(id);
    return id;
  }

  private String firstSendAfterRun(String campaign) {
    String person = createPerson("ann@corp.example", "Ann");
    enrollIn(campaign, person);
    app.engine().runUntilIdle();
    assertThat(transport.messages()).as("nothing is sent on a holiday").isEmpty();
    JsonNode upcoming = get("/api/v1/campaigns/" + campaign + "/upcoming").body().path("items");
    assertThat(upcoming).hasSize(1);
    return upcoming.get(0).path("scheduled_at").asText();
  }

  @Test
  void a_country_preset_keeps_the_window_shut_on_its_holidays() {
    String campaign = campaign("{\"country\":\"us\"}");
    assertThat(
            get("/api/v1/campaigns/" + campaign).body().path("holidays").path("country").asText())
        .isEqualTo("US");
    assertThat(firstSendAfterRun(campaign))
        .as("Friday 09:00 in New York")
        .isEqualTo("2026-11-27T14:00:00Z");
  }

  @Test
  void workspace_blackout_dates_close_every_campaign_too() {
    Answer set = put("/api/v1/holidays", "{\"country\":null,\"dates\":[\"2026-11-27\"]}");
    assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
    assertThat(get("/api/v1/holidays").body().path("dates").get(0).asText())
        .isEqualTo("2026-11-27");
    String campaign = campaign("{\"country\":\"US\",\"dates\":[]}");
    assertThat(firstSendAfterRun(campaign))
        .as("Thanksgiving (campaign) and Friday (workspace) closed: Monday 09:00")
        .isEqualTo("2026-11-30T14:00:00Z");
  }

  @Test
  void presets_can_be_looked_at_and_bad_input_is_refused_by_field() {
    Answer preset = get("/api/v1/holidays/calendars/US?year=2026");
    assertThat(preset.status()).isEqualTo(200);
    assertThat(preset.body().path("dates").toString()).contains("2026-11-26", "2026-12-25");
    assertThat(get("/api/v1/holidays/calendars/XX").status()).isEqualTo(404);

    Answer unknown =
        post(
            "/api/v1/campaigns",
            "{\"name\":\"x\",\"holidays\":{\"country\":\"Atlantis\"},\"steps\":[{\"key\":\"a\","
                + "\"type\":\"wait\",\"wait_duration\":1,\"wait_unit\":\"days\"}]}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.field()).isEqualTo("holidays.country");
    Answer badDate = put("/api/v1/holidays", "{\"dates\":[\"2026-02-30\"]}");
    assertThat(badDate.status()).isEqualTo(422);
    assertThat(badDate.field()).isEqualTo("dates[0]");
    assertThat(get("/api/v1/holidays").body().path("dates")).isEmpty();
    assertThat(count("/api/v1/campaigns")).isZero();
  }
}
