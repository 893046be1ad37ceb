package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A/B variants: deterministic weighted assignment recorded with each send, figures per variant, a
 * winner chosen by reply rate after N sends per variant and used by every later send, and refusals
 * of malformed tests.
 */
class ApiVariantsTest extends ApiTestSupport.ServerPerTest {
  private String mailbox;

  @BeforeEach
  void createData() {
    mailbox = createMailbox();
  }

  private String campaign(String variants, String pickWinner) {
    return "{\"name\":\"ab\",\"mailbox_ids\":[\""
        + mailbox
        + "\"],\"timezone\":\"UTC\",\"steps\":[{\"key\":\"intro\",\"type\":\"email\","
        + "\"subject\":\"Hello {{first_name}}\",\"body\":\"Shared body\",\"variants\":"
        + variants
        + (pickWinner == null ? "" : ",\"pick_winner\":" + pickWinner)
        + "}]}";
  }

  private static final String TWO_VARIANTS =
      "[{\"key\":\"a\",\"weight\":1,\"subject\":\"A for {{first_name}}\"},"
          + "{\"key\":\"b\",\"weight\":3,\"subject\":\"B for {{first_name}}\"}]";

  private List<String> enrollPeople(String campaign, int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ids.add(createPerson("p" + i + "@c" + i + ".example", "P" + i));
    }
    Answer enrolled =
        post(
            "/api/v1/campaigns/" + campaign + "/enrollments",
            "{\"person_ids\":[\"" + String.join("\",\"", ids) + "\"]}");
    assertThat(enrolled.body().path("enrolled").asInt()).isEqualTo(to - from);
    return ids;
  }

  private long sentWith(String prefix) {
    return transport.messages().stream().filter(m -> m.subject().startsWith(prefix)).count();
  }

  @Test
  void variants_are_assigned_by_weight_counted_and_the_winner_takes_over() {
    Answer created =
        post(
            "/api/v1/campaigns",
            campaign(TWO_VARIANTS, "{\"metric\":\"reply_rate\",\"after_sends\":10}"));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    JsonNode step = created.body().path("steps").get(0);
    assertThat(step.path("variants")).hasSize(2);
    assertThat(step.path("variants").get(1).path("weight").asInt()).isEqualTo(3);
    assertThat(step.path("pick_winner").path("after_sends").asInt()).isEqualTo(10);
    String campaign = created.body().get("id").asText();
    activate(campaign);

    enrollPeople(campaign, 0, 80);
    app.engine().runUntilIdle();
    long a = sentWith("A for ");
    long b = sentWith("B for ");
    assertThat(a + b).isEqualTo(80);
    assertThat(a).as("weight 1 of 4").isBetween(10L, 30L);
    assertThat(transport.messages())
        .allSatisfy(m -> assertThat(m.body().text()).contains("Shared body"));

    assertThat(app.variantWinners.decide()).as("no replies yet: a tie goes to a").hasSize(1);
    JsonNode stats = get("/api/v1/campaigns/" + campaign + "/stats").body().path("steps").get(0);
    assertThat(stats.path("winner").asText()).isEqualTo("a");
    assertThat(stats.path("variants").get(0).path("sent").asLong()).isEqualTo(a);
    assertThat(stats.path("variants").get(1).path("sent").asLong()).isEqualTo(b);
    assertThat(stats.path("variants").get(0).path("winner").asBoolean()).isTrue();

    Answer edited =
        put(
            "/api/v1/campaigns/" + campaign,
            campaign(TWO_VARIANTS, "{\"metric\":\"reply_rate\",\"after_sends\":10}"));
    assertThat(edited.body().path("version").asInt()).isEqualTo(2);
    assertThat(
            get("/api/v1/campaigns/" + campaign + "/stats")
                .body()
                .path("steps")
                .get(0)
                .path("winner")
                .asText())
        .as("an edit keeping the variant keeps the chosen winner")
        .isEqualTo("a");
    enrollPeople(campaign, 80, 90);
    app.engine().runUntilIdle();
    assertThat(sentWith("A for "))
        .as("after the choice everyone gets the winner")
        .isEqualTo(a + 10);
  }

  @Test
  void the_winner_is_the_variant_with_the_best_reply_rate_once_each_has_enough_sends() {
    String campaign =
        post(
                "/api/v1/campaigns",
                campaign(TWO_VARIANTS, "{\"metric\":\"reply_rate\",\"after_sends\":10}"))
            .body()
            .get("id")
            .asText();
    activate(campaign);
    enrollPeople(campaign, 0, 30);
    app.engine().runUntilIdle();
    long a = sentWith("A for ");
    assertThat(a)
        .as("fixture: at 1:3, 30 people give variant a fewer than 10 sends")
        .isLessThan(10);
    assertThat(app.variantWinners.decide()).as("a has fewer than 10 sends").isEmpty();

    enrollPeople(campaign, 30, 80);
    app.engine().runUntilIdle();
    List<OutgoingMessage> bs =
        transport.messages().stream().filter(m -> m.subject().startsWith("B for ")).toList();
    for (OutgoingMessage m : bs.subList(0, 5)) {
      reply(m);
    }
    var chosen = app.variantWinners.decide();
    assertThat(chosen).hasSize(1);
    assertThat(chosen.get(0).variant()).isEqualTo("b");
    JsonNode stats = get("/api/v1/campaigns/" + campaign + "/stats").body().path("steps").get(0);
    assertThat(stats.path("winner").asText()).isEqualTo("b");
    assertThat(stats.path("variants").get(1).path("replied").asLong()).isEqualTo(5);
    assertThat(stats.path("variants").get(0).path("replied").asLong()).isZero();
    assertThat(app.variantWinners.decide()).as("decided once").isEmpty();

    long before = sentWith("A for ");
    enrollPeople(campaign, 80, 100);
    app.engine().runUntilIdle();
    assertThat(sentWith("A for ")).isEqualTo(before);
  }

  @Test
  void malformed_tests_are_refused_naming_the_field() {
    assertRefused(campaign("[{\"key\":\"a\",\"subject\":\"A\"}]", null), "steps[0].variants");
    assertRefused(
        campaign("[{\"key\":\"a\",\"subject\":\"A\"},{\"key\":\"a\",\"subject\":\"B\"}]", null),
        "steps[0].variants[1].key");
    assertRefused(
        campaign(
            "[{\"key\":\"a\",\"subject\":\"A\"},{\"key\":\"b\",\"weight\":0,\"subject\":\"B\"}]",
            null),
        "steps[0].variants[1].weight");
    assertRefused(
        campaign(
            "[{\"key\":\"a\",\"subject\":\"A\"},{\"key\":\"b\",\"subject\":\"{{#if}}\"}]", null),
        "steps[0].variants[1].subject");
    assertRefused(
        campaign(TWO_VARIANTS, "{\"metric\":\"profit\",\"after_sends\":10}"),
        "steps[0].pick_winner.metric");
    assertRefused(
        campaign(TWO_VARIANTS, "{\"metric\":\"reply_rate\",\"after_sends\":1}"),
        "steps[0].pick_winner.after_sends");
    assertThat(count("/api/v1/campaigns")).isZero();
  }

  private void assertRefused(String body, String field) {
    Answer refused = post("/api/v1/campaigns", body);
    assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
    assertThat(refused.field()).isEqualTo(field);
  }

  private void reply(OutgoingMessage to) {
    replyTo(mailbox, to, "Re: " + to.subject(), "Interested, tell me more.");
  }
}
