package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.testing.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules across campaigns (issue 18, item 2): {@code /api/v1/settings/rules}, all off by default,
 * and each rule at work through the enroll API and a real reply.
 */
class ApiRulesAcrossCampaignsTest extends ApiTestSupport.ServerPerTest {
  private String mailbox;
  private String first;
  private String second;

  @BeforeEach
  void twoActiveCampaigns() {
    mailbox = createMailbox();
    first = createCampaignFrom(mailbox);
    second = createCampaignFrom(mailbox);
    activate(first);
    activate(second);
  }

  private Answer putRules(String json) {
    return put("/api/v1/settings/rules", json);
  }

  private Answer enroll(String campaign, String person) {
    Answer answer =
        post(
            "/api/v1/campaigns/" + campaign + "/enrollments",
            "{\"person_ids\": [\"" + person + "\"]}");
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
    return answer;
  }

  private void execute(String statement) {
    try (java.sql.Connection c = app.database().dataSource().getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String skipReason(Answer enrolled) {
    JsonNode skipped = enrolled.body().get("skipped");
    return skipped.isEmpty() ? null : skipped.get(0).get("reason").asText();
  }

  private JsonNode enrollmentOf(String campaign, String person) {
    return items(get("/api/v1/campaigns/" + campaign + "/enrollments")).stream()
        .filter(e -> e.get("person_id").asText().equals(person))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void rules_are_off_until_an_admin_sets_them_and_bad_ones_change_nothing() {
    Answer initial = get("/api/v1/settings/rules");
    Answer set =
        putRules(
            "{\"one_active_sequence_per_person\": true, \"stop_all_on_reply\": true,"
                + " \"recontact_cooldown_days\": 30}");
    Answer unknown = putRules("{\"one_active_sequence_per_person\": true, \"stop_all\": true}");
    Answer tooLong = putRules("{\"recontact_cooldown_days\": 3651}");
    Answer negative = putRules("{\"recontact_cooldown_days\": -1}");

    assertThat(initial.status()).isEqualTo(200);
    assertThat(initial.body().get("one_active_sequence_per_person").asBoolean()).isFalse();
    assertThat(initial.body().get("stop_all_on_reply").asBoolean()).isFalse();
    assertThat(initial.body().get("recontact_cooldown_days").isNull()).isTrue();
    assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
    assertThat(set.body().get("one_active_sequence_per_person").asBoolean()).isTrue();
    assertThat(set.body().get("recontact_cooldown_days").asInt()).isEqualTo(30);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.field()).isEqualTo("stop_all");
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.field()).isEqualTo("recontact_cooldown_days");
    assertThat(negative.status()).isEqualTo(422);
    Answer now = get("/api/v1/settings/rules");
    assertThat(now.body().get("stop_all_on_reply").asBoolean()).isTrue();
    assertThat(now.body().get("recontact_cooldown_days").asInt()).isEqualTo(30);
  }

  @Test
  void with_one_active_sequence_per_person_a_second_campaign_skips_the_person() {
    String ada = createPerson("ada@analytical.example", "Ada");
    String alan = createPerson("alan@bletchley.example", "Alan");
    // Off by default: both campaigns take Alan.
    assertThat(skipReason(enroll(first, alan))).isNull();
    assertThat(skipReason(enroll(second, alan))).isNull();

    putRules("{\"one_active_sequence_per_person\": true}");
    Answer inFirst = enroll(first, ada);
    Answer inSecond = enroll(second, ada);
    post("/api/v1/enrollments/" + enrollmentOf(first, ada).get("id").asText() + "/pause", "");
    Answer whilePaused = enroll(second, ada);
    post("/api/v1/enrollments/" + enrollmentOf(first, ada).get("id").asText() + "/stop", "");
    Answer afterStop = enroll(second, ada);

    assertThat(inFirst.body().get("enrolled").asInt()).isEqualTo(1);
    assertThat(inSecond.body().get("enrolled").asInt()).isZero();
    assertThat(skipReason(inSecond)).isEqualTo("active_in_other_campaign");
    assertThat(skipReason(whilePaused)).isEqualTo("active_in_other_campaign");
    assertThat(afterStop.body().get("enrolled").asInt()).isEqualTo(1);
  }

  @Test
  void recontact_cooldown_skips_who_replied_less_than_n_days_ago_anywhere() {
    putRules("{\"recontact_cooldown_days\": 30}");
    String ada = createPerson("ada@analytical.example", "Ada");
    enroll(first, ada);
    app.engine().runUntilIdle();
    OutgoingMessage toAda = sentTo("ada@analytical.example");
    replyTo(mailbox, toAda, "Re: " + toAda.subject(), "Not now, thanks.");
    assertThat(enrollmentOf(first, ada).get("status").asText()).isEqualTo("replied");

    clock.advance(Duration.ofDays(29));
    Answer tooSoon = enroll(second, ada);
    clock.advance(Duration.ofDays(2));
    Answer later = enroll(second, ada);

    assertThat(skipReason(tooSoon)).isEqualTo("recontact_cooldown");
    assertThat(tooSoon.body().get("enrolled").asInt()).isZero();
    assertThat(later.body().get("enrolled").asInt()).isEqualTo(1);
  }

  @Test
  void recontact_cooldown_counts_a_finished_sequence_too() {
    String ada = createPerson("ada@analytical.example", "Ada");
    enroll(first, ada);
    String id = enrollmentOf(first, ada).get("id").asText();
    execute(
        "UPDATE campaign_sequence_leads SET status = 'completed', finished_at = '"
            + clock.instant()
            + "' WHERE id = "
            + id);
    Answer off = enroll(second, ada);
    assertThat(off.body().get("enrolled").asInt()).isEqualTo(1);
    post("/api/v1/enrollments/" + enrollmentOf(second, ada).get("id").asText() + "/stop", "");

    putRules("{\"recontact_cooldown_days\": 7}");
    String third = createCampaignFrom(mailbox);
    activate(third);
    Answer on = enroll(third, ada);

    assertThat(skipReason(on)).isEqualTo("recontact_cooldown");
  }

  @Test
  void with_stop_all_on_reply_a_reply_stops_the_persons_sequences_in_every_campaign() {
    String ada = createPerson("ada@analytical.example", "Ada");
    String alan = createPerson("alan@bletchley.example", "Alan");
    String third = createCampaignFrom(mailbox);
    activate(third);
    enroll(first, ada);
    enroll(first, alan);
    app.engine().runUntilIdle();
    enroll(second, ada);
    enroll(third, ada);
    enroll(second, alan);
    putRules("{\"stop_all_on_reply\": true}");

    OutgoingMessage toAda = sentTo("ada@analytical.example");
    replyTo(mailbox, toAda, "Re: " + toAda.subject(), "Thanks, let's talk.");

    assertThat(enrollmentOf(first, ada).get("status").asText()).isEqualTo("replied");
    JsonNode inSecond = enrollmentOf(second, ada);
    JsonNode inThird = enrollmentOf(third, ada);
    assertThat(inSecond.get("status").asText()).isEqualTo("stopped");
    assertThat(inSecond.get("stop_reason").asText()).isEqualTo("replied_elsewhere");
    assertThat(inThird.get("status").asText()).isEqualTo("stopped");
    // Only Ada: Alan's sequences run on.
    assertThat(enrollmentOf(first, alan).get("status").asText()).isEqualTo("active");
    assertThat(enrollmentOf(second, alan).get("status").asText()).isEqualTo("active");
    // Nothing of Ada's is left to run.
    assertThat(
            Sql.count(
                app.database().dataSource(),
                "SELECT count(*) FROM campaign_sequence_executions e"
                    + " JOIN campaign_sequence_leads l ON l.id = e.enrollment_id"
                    + " WHERE l.person_id = "
                    + ada
                    + " AND e.status IN ('pending', 'running', 'paused')"))
        .isZero();
  }

  @Test
  void without_stop_all_on_reply_the_other_campaigns_run_on() {
    String ada = createPerson("ada@analytical.example", "Ada");
    enroll(first, ada);
    app.engine().runUntilIdle();
    enroll(second, ada);

    OutgoingMessage toAda = sentTo("ada@analytical.example");
    replyTo(mailbox, toAda, "Re: " + toAda.subject(), "Thanks, let's talk.");

    assertThat(enrollmentOf(first, ada).get("status").asText()).isEqualTo("replied");
    assertThat(enrollmentOf(second, ada).get("status").asText()).isEqualTo("active");
  }
}
