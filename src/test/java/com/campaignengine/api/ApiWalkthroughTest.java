package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The whole path of a campaign through the API, with the engine driven by hand. */
class ApiWalkthroughTest extends ApiTestSupport.OutboxServerPerTest {
  @Test
  void a_campaign_may_name_its_mailboxes_by_address_as_apply_does() {
    String mailbox = createMailbox();

    Answer created = post("/api/v1/campaigns", campaignJson("[\"Ada@Recruit.example\"]"));
    Answer edited =
        put(
            "/api/v1/campaigns/" + created.body().get("id").asText(),
            campaignJson("[\" ada@recruit.example \"]"));

    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    assertThat(created.body().get("mailbox_ids").toString()).isEqualTo("[\"" + mailbox + "\"]");
    assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);
    assertThat(edited.body().get("mailbox_ids").toString()).isEqualTo("[\"" + mailbox + "\"]");
  }

  @Test
  void a_campaign_runs_from_creation_to_completion_through_the_api() throws IOException {
    assertThat(
            send(request("/health").header("Authorization", "none").GET())
                .body()
                .get("status")
                .asText())
        .isEqualTo("ok");
    String mailbox = createMailbox();
    assertThat(get("/api/v1/mailboxes/" + mailbox).body().get("daily_limit").asInt())
        .isEqualTo(500);
    List<String> people =
        List.of(
            createPerson("grace@navy.example", "Grace"),
            createPerson("ada@engine.example", "Ada"),
            createPerson("alan@bletchley.example", "Alan"));

    Answer created = post("/api/v1/campaigns", campaignJson("[\"" + mailbox + "\"]"));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    JsonNode campaign = created.body();
    String id = campaign.get("id").asText();
    assertThat(campaign.get("status").asText()).isEqualTo("draft");
    assertThat(campaign.get("stop_on_reply").asBoolean()).isTrue();
    assertThat(campaign.get("max_attempts").asInt()).isEqualTo(5);
    assertThat(campaign.get("sending_window").get("days").toString())
        .isEqualTo("[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"]");
    assertThat(campaign.get("steps").get(0).get("next_step").asText()).isEqualTo("pause");
    assertThat(campaign.get("steps").get(2).get("true_next_step").isNull()).isTrue();
    assertThat(campaign.get("steps").get(2).get("false_next_step").asText()).isEqualTo("bump");
    assertThat(campaign.get("steps").get(3).get("next_step").isNull()).isTrue();
    assertThat(get("/api/v1/campaigns/" + id).body()).isEqualTo(campaign);

    Answer activated = post("/api/v1/campaigns/" + id + "/activate", "");
    assertThat(activated.status()).isEqualTo(200);
    assertThat(activated.body().get("status").asText()).isEqualTo("active");

    String ids = write(people);
    Answer enrolled =
        post("/api/v1/campaigns/" + id + "/enrollments", "{\"person_ids\": " + ids + "}");
    assertThat(enrolled.status()).isEqualTo(202);
    assertThat(enrolled.body().get("enrolled").asInt()).isEqualTo(3);
    assertThat(enrolled.body().get("skipped").size()).isZero();
    Answer again =
        post("/api/v1/campaigns/" + id + "/enrollments", "{\"person_ids\": " + ids + "}");
    assertThat(again.body().get("enrolled").asInt()).isZero();
    assertThat(again.body().get("skipped").findValuesAsText("reason"))
        .containsExactly("already_enrolled", "already_enrolled", "already_enrolled");

    runUntilAllCompleted(id);

    JsonNode stats = get("/api/v1/campaigns/" + id + "/stats").body();
    assertThat(stats.get("enrolled").asLong()).isEqualTo(3);
    assertThat(stats.get("completed").asLong()).isEqualTo(3);
    assertThat(stats.get("active").asLong()).isZero();
    assertThat(stats.get("sent").asLong()).isEqualTo(6);
    assertThat(stats.get("replied").asLong()).isZero();
    assertThat(stats.get("reply_rate").asDouble()).isZero();
    assertThat(stats.get("steps").findValuesAsText("key"))
        .containsExactly("intro", "pause", "check", "bump");
    assertThat(stats.get("steps").get(0).get("sent").asLong()).isEqualTo(3);
    assertThat(stats.get("steps").get(3).get("sent").asLong()).isEqualTo(3);
    assertThat(stats.get("steps").get(1).get("completed").asLong()).isEqualTo(3);
    try (Stream<Path> files = Files.list(dataDir.resolve("outbox"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(6);
    }

    Answer dead = get("/api/v1/executions?status=dead");
    assertThat(dead.status()).isEqualTo(200);
    assertThat(dead.body().get("items").size()).isZero();
    assertThat(dead.body().get("next_cursor").isNull()).isTrue();
  }

  @Test
  void simulate_plans_the_timeline_inside_the_sending_window() {
    String mailbox = createMailbox();
    String id = createCampaignFrom(mailbox);

    // Saturday afternoon: the first email waits for Monday 09:00 New York time (EDT from 8 March).
    Answer simulated =
        post(
            "/api/v1/campaigns/" + id + "/simulate",
            "{\"start\": \"2026-03-07T15:00:00Z\", \"timezone\": \"America/New_York\"}");
    assertThat(simulated.status()).as(simulated.raw().body()).isEqualTo(200);
    JsonNode timeline = simulated.body().get("timeline");
    assertThat(timeline.findValuesAsText("step_key"))
        .containsExactly("intro", "pause", "check", "bump");
    assertThat(timeline.findValuesAsText("at"))
        .containsExactly(
            "2026-03-09T13:00:00Z",
            "2026-03-09T13:00:00Z",
            "2026-03-11T13:00:00Z",
            "2026-03-11T13:00:00Z");
    assertThat(timeline.get(2).get("branch").asBoolean()).isFalse();
    assertThat(timeline.get(0).has("branch")).isFalse();

    Answer replied =
        post(
            "/api/v1/campaigns/" + id + "/simulate",
            "{\"start\": \"2026-03-07T15:00:00Z\", \"assume\": {\"replied\": true}}");
    assertThat(replied.body().get("timeline").findValuesAsText("step_key"))
        .containsExactly("intro");
  }

  @Test
  void simulate_takes_the_branch_of_the_events_given_per_email() {
    String mailbox = createMailbox();
    Answer created =
        post(
            "/api/v1/campaigns",
            """
            {"name": "Branches", "mailbox_ids": ["%s"], "stop_on_reply": false,
             "steps": [
               {"key": "intro", "type": "email", "subject": "Hi", "body": "Hello"},
               {"key": "pause", "type": "wait", "wait_duration": 1, "wait_unit": "days"},
               {"key": "check", "type": "condition", "condition_type": "replied",
                "true_next_step": "thanks", "false_next_step": "opened"},
               {"key": "opened", "type": "condition", "condition_type": "opened",
                "true_next_step": "bump", "false_next_step": null},
               {"key": "bump", "type": "email", "subject": "Again", "body": "Hello again",
                "next_step": null},
               {"key": "thanks", "type": "email", "subject": "Thanks", "body": "Thank you"}]}
            """
                .formatted(mailbox));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String simulate = "/api/v1/campaigns/" + created.body().get("id").asText() + "/simulate";
    String start = "\"start\": \"2026-03-02T14:00:00Z\"";

    Answer none = post(simulate, "{" + start + "}");
    Answer replied = post(simulate, "{" + start + ", \"events\": {\"intro\": [\"replied\"]}}");
    Answer opened = post(simulate, "{" + start + ", \"events\": {\"intro\": [\"opened\"]}}");

    assertThat(none.body().get("timeline").findValuesAsText("step_key"))
        .containsExactly("intro", "pause", "check", "opened");
    assertThat(replied.status()).as(replied.raw().body()).isEqualTo(200);
    assertThat(replied.body().get("timeline").findValuesAsText("step_key"))
        .containsExactly("intro", "pause", "check", "thanks");
    assertThat(replied.body().at("/timeline/2/branch").asBoolean()).isTrue();
    assertThat(opened.body().get("timeline").findValuesAsText("step_key"))
        .containsExactly("intro", "pause", "check", "opened", "bump");

    Answer unknownEvent = post(simulate, "{\"events\": {\"intro\": [\"forwarded\"]}}");
    Answer unknownStep = post(simulate, "{\"events\": {\"outro\": [\"replied\"]}}");
    Answer notAnEmail = post(simulate, "{\"events\": {\"pause\": [\"replied\"]}}");
    assertThat(unknownEvent.status()).isEqualTo(422);
    assertThat(unknownEvent.field()).isEqualTo("events.intro[0]");
    assertThat(unknownStep.status()).isEqualTo(422);
    assertThat(unknownStep.field()).isEqualTo("events.outro");
    assertThat(notAnEmail.status()).isEqualTo(422);
    assertThat(notAnEmail.field()).isEqualTo("events.pause");
  }

  @Test
  void the_readme_walkthroughs_csv_ships_in_examples_and_imports_as_the_readme_says()
      throws IOException {
    Path csv = Path.of("examples", "people.csv");
    assertThat(Files.readString(Path.of("README.md")))
        .contains("--data-binary @examples/people.csv", "--csv examples/people.csv");
    createPerson("grace@navy.example", "Grace");

    Answer imported =
        send(
            request("/api/v1/people/import")
                .header("Content-Type", "text/csv")
                .POST(body(Files.readString(csv))));

    assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
    assertThat(imported.body().get("imported").asInt()).isEqualTo(2);
    assertThat(imported.body().get("updated").asInt()).isEqualTo(1);
    assertThat(imported.body().get("skipped")).hasSize(1);
    assertThat(imported.body().at("/skipped/0/line").asInt()).isEqualTo(4);
    assertThat(imported.body().at("/skipped/0/reason").asText())
        .isEqualTo("email_address: not a valid email address");
  }

  @Test
  void people_are_listed_by_cursor_and_found_by_address() {
    createPerson("grace@navy.example", "Grace");
    createPerson("ada@engine.example", "Ada");
    createPerson("alan@bletchley.example", "Alan");
    Answer first = get("/api/v1/people?limit=2");
    assertThat(first.body().get("items").size()).isEqualTo(2);
    String cursor = first.body().get("next_cursor").asText();
    Answer second = get("/api/v1/people?limit=2&cursor=" + cursor);
    assertThat(second.body().get("items").size()).isEqualTo(1);
    assertThat(second.body().get("next_cursor").isNull()).isTrue();
    Answer byAddress = get("/api/v1/people?email_address=ada%40engine.example");
    assertThat(byAddress.body().get("items").findValuesAsText("first_name")).containsExactly("Ada");
  }

  /** Runs what is due, then moves the clock to the next due time, until every enrollment ends. */
  private void runUntilAllCompleted(String campaignId) {
    for (int round = 0; round < 50; round++) {
      app.engine().runUntilIdle();
      List<JsonNode> enrollments = items(get("/api/v1/campaigns/" + campaignId + "/enrollments"));
      if (enrollments.stream().allMatch(e -> e.get("status").asText().equals("completed"))) {
        return;
      }
      Instant next =
          enrollments.stream()
              .map(e -> e.get("next_run_at"))
              .filter(at -> at != null && !at.isNull())
              .map(at -> Instant.parse(at.asText()))
              .min(Instant::compareTo)
              .orElseThrow(() -> new AssertionError("nothing scheduled: " + enrollments));
      if (next.isAfter(clock.instant())) {
        clock.set(next);
      }
    }
    throw new AssertionError("enrollments did not complete");
  }
}
