package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stats API after a real run: per-step sends, unique human and machine opens, clicks, replies,
 * the per-day series in the campaign's time zone, upcoming work and mailbox quota.
 */
class ApiStatsTest extends ApiTestSupport.ServerPerTest {
  private static final String HUMAN = "Mozilla/5.0 (Windows NT 10.0) Firefox/131";
  private static final String PROXY = "Mozilla/5.0 (via ggpht.com GoogleImageProxy)";

  private String campaign;
  private String mailbox;

  @BeforeEach
  void createData() {
    mailbox = createMailbox();
    StringBuilder people = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      people.append(i == 0 ? "" : ",").append('"');
      people.append(createPerson("p" + i + "@corp" + i + ".example", "P" + i)).append('"');
    }
    campaign =
        post(
                "/api/v1/campaigns",
                "{\"name\":\"stats\",\"mailbox_ids\":[\""
                    + mailbox
                    + "\"],\"timezone\":\"America/New_York\",\"track_opens\":true,"
                    + "\"track_clicks\":true,\"steps\":["
                    + "{\"key\":\"intro\",\"type\":\"email\",\"subject\":\"Hi\",\"body\":\"Hi\","
                    + "\"body_html\":\"<p>Hi, see <a href=\\\"https://jobs.example/r\\\">the role</a></p>\"},"
                    + "{\"key\":\"pause\",\"type\":\"wait\",\"wait_duration\":2,\"wait_unit\":\"days\"},"
                    + "{\"key\":\"follow\",\"type\":\"email\",\"subject\":\"Again\",\"body\":\"Hi again\"}]}")
            .body()
            .get("id")
            .asText();
    activate(campaign);
    post("/api/v1/campaigns/" + campaign + "/enrollments", "{\"person_ids\":[" + people + "]}");
    app.engine().runUntilIdle();
  }

  private void fetch(String url, String userAgent) {
    assertThat(visit(url, userAgent).statusCode()).isIn(200, 302);
  }

  private void reply(OutgoingMessage to) {
    replyTo(mailbox, to, "Re: Hi", "Interested.");
  }

  private JsonNode step(JsonNode stats, String key) {
    for (JsonNode step : stats.path("steps")) {
      if (step.path("key").asText().equals(key)) {
        return step;
      }
    }
    throw new AssertionError("no step " + key);
  }

  @Test
  void counts_rates_and_series_follow_what_happened() throws Exception {
    JsonNode upcoming = get("/api/v1/campaigns/" + campaign + "/upcoming").body().path("items");
    assertThat(upcoming).hasSize(4);
    assertThat(upcoming.get(0).path("step_key").asText()).isEqualTo("follow");
    assertThat(upcoming.get(0).path("scheduled_at").asText()).isEqualTo("2026-03-04T14:00:00Z");

    clock.advance(Duration.ofHours(1)); // an open seconds after sending would be a scanner
    OutgoingMessage p0 = sentTo("p0@corp0.example");
    fetch(pixelUrl(p0.body().html()), HUMAN);
    fetch(pixelUrl(p0.body().html()), HUMAN);
    fetch(clickUrl(p0.body().html()), HUMAN);
    OutgoingMessage p1 = sentTo("p1@corp1.example");
    fetch(pixelUrl(p1.body().html()), PROXY);
    reply(sentTo("p2@corp2.example"));

    JsonNode mailboxes = get("/api/v1/stats/mailboxes").body().path("items");
    assertThat(mailboxes).hasSize(1);
    assertThat(mailboxes.get(0).path("sent_today").asInt()).isEqualTo(4);
    assertThat(mailboxes.get(0).path("status").asText()).isEqualTo("connected");
    assertThat(mailboxes.get(0).path("active_enrollments").asInt()).isEqualTo(3);

    clock.advance(Duration.ofDays(2));
    app.engine().runUntilIdle();

    JsonNode stats = get("/api/v1/campaigns/" + campaign + "/stats").body();
    assertThat(stats.path("enrolled").asInt()).isEqualTo(4);
    assertThat(stats.path("sent").asInt()).isEqualTo(4 + 3);
    assertThat(stats.path("opened").asInt()).isEqualTo(1);
    assertThat(stats.path("opened_with_machine").asInt()).isEqualTo(2);
    assertThat(stats.path("clicked").asInt()).isEqualTo(1);
    assertThat(stats.path("replied").asInt()).isEqualTo(1);
    assertThat(stats.path("completed").asInt()).isEqualTo(3);
    assertThat(stats.path("reply_rate").asDouble()).isEqualTo(0.25);
    assertThat(stats.path("open_rate_with_machine").asDouble()).isEqualTo(0.5);
    JsonNode intro = step(stats, "intro");
    assertThat(intro.path("sent").asInt()).isEqualTo(4);
    assertThat(intro.path("opened").asInt()).isEqualTo(1);
    assertThat(intro.path("clicked").asInt()).isEqualTo(1);
    assertThat(intro.path("replied").asInt()).isEqualTo(1);
    assertThat(intro.path("click_rate").asDouble()).isEqualTo(0.25);
    JsonNode follow = step(stats, "follow");
    assertThat(follow.path("sent").asInt()).isEqualTo(3);
    assertThat(follow.path("cancelled").asInt()).isEqualTo(1);
    assertThat(follow.path("opened").asInt()).isZero();

    JsonNode days =
        get("/api/v1/campaigns/" + campaign + "/stats/daily?days=3").body().path("days");
    assertThat(days).hasSize(3);
    assertThat(days.get(0).path("day").asText()).isEqualTo("2026-03-02");
    assertThat(days.get(0).path("sent").asInt()).isEqualTo(4);
    assertThat(days.get(0).path("opened").asInt()).isEqualTo(1);
    assertThat(days.get(0).path("clicked").asInt()).isEqualTo(1);
    assertThat(days.get(0).path("replied").asInt()).isEqualTo(1);
    assertThat(days.get(1).path("sent").asInt()).isZero();
    assertThat(days.get(2).path("day").asText()).isEqualTo("2026-03-04");
    assertThat(days.get(2).path("sent").asInt()).isEqualTo(3);
    assertThat(get("/api/v1/campaigns/" + campaign + "/upcoming").body().path("items")).isEmpty();
  }

  @Test
  void bad_parameters_get_400_naming_the_parameter() {
    Answer days = get("/api/v1/campaigns/" + campaign + "/stats/daily?days=0");
    assertThat(days.status()).isEqualTo(400);
    assertThat(days.field()).isEqualTo("days");
    assertThat(get("/api/v1/campaigns/" + campaign + "/stats/daily?days=367").field())
        .isEqualTo("days");
    Answer limit = get("/api/v1/campaigns/" + campaign + "/upcoming?limit=x");
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.field()).isEqualTo("limit");
    assertThat(get("/api/v1/campaigns/999999/stats/daily").status()).isEqualTo(404);
    assertThat(get("/api/v1/campaigns/999999/upcoming").status()).isEqualTo(404);
  }
}
