package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.OutgoingMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Editing a live campaign: a new version for new enrollments, enrollments in flight stay on theirs
 * unless moved (steps matched by key; a removed step hands over to the next one, or the sequence
 * ends), previews change nothing, and an edit that routes nowhere is refused whole.
 */
class ApiCampaignVersionsTest extends ApiTestSupport.ServerPerTest {
  private String mailbox;
  private String campaign;
  private final List<String> people = new ArrayList<>();

  @BeforeEach
  void createData() {
    mailbox = createMailbox();
    for (int i = 0; i < 4; i++) {
      people.add(createPerson("p" + i + "@corp" + i + ".example", "P" + i));
    }
    Answer created = post("/api/v1/campaigns", definition("Follow-up v1", true, true));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    assertThat(created.body().path("version").asInt()).isEqualTo(1);
    campaign = created.body().get("id").asText();
    activate(campaign);
    enroll(people.subList(0, 3));
    app.engine().runUntilIdle();
    assertThat(subjects()).containsExactlyInAnyOrder("Intro", "Intro", "Intro");
  }

  /**
   * intro (email) → pause (wait 2 days) → follow (email) → closing (email); follow and closing
   * optional. After the first run, everyone waits on "follow", due two days later.
   */
  private String definition(String followSubject, boolean withFollow, boolean withClosing) {
    List<String> steps = new ArrayList<>();
    steps.add("{\"key\":\"intro\",\"type\":\"email\",\"subject\":\"Intro\",\"body\":\"Hi\"}");
    steps.add("{\"key\":\"pause\",\"type\":\"wait\",\"wait_duration\":2,\"wait_unit\":\"days\"}");
    if (withFollow) {
      steps.add(
          "{\"key\":\"follow\",\"type\":\"email\",\"subject\":\""
              + followSubject
              + "\",\"body\":\"Again\"}");
    }
    if (withClosing) {
      steps.add(
          "{\"key\":\"closing\",\"type\":\"email\",\"subject\":\"Closing\",\"body\":\"Bye\"}");
    }
    return "{\"name\":\"versions\",\"mailbox_ids\":[\""
        + mailbox
        + "\"],\"timezone\":\"UTC\",\"steps\":["
        + String.join(",", steps)
        + "]}";
  }

  private void enroll(List<String> ids) {
    Answer enrolled =
        post(
            "/api/v1/campaigns/" + campaign + "/enrollments",
            "{\"person_ids\":[\"" + String.join("\",\"", ids) + "\"]}");
    assertThat(enrolled.body().path("enrolled").asInt())
        .as(enrolled.raw().body())
        .isEqualTo(ids.size());
  }

  private List<String> subjects() {
    return transport.messages().stream().map(OutgoingMessage::subject).toList();
  }

  private void runTwoDaysLater() {
    clock.advance(Duration.ofDays(2).plusMinutes(1));
    app.engine().runUntilIdle();
  }

  @Test
  void in_flight_enrollments_stay_on_their_version_and_new_ones_start_on_the_new_one() {
    Answer preview =
        put("/api/v1/campaigns/" + campaign + "?dry_run=true", definition("v2", true, true));
    assertThat(preview.status()).as(preview.raw().body()).isEqualTo(200);
    assertThat(preview.body().path("id").isNull()).isTrue();
    assertThat(preview.body().path("version").asInt()).isEqualTo(2);
    assertThat(preview.body().path("steps").get(2).path("subject").asText()).isEqualTo("v2");
    assertThat(preview.body().path("steps").get(2).path("id").isNull()).isTrue();
    assertThat(get("/api/v1/campaigns/" + campaign).body().path("version").asInt())
        .as("a dry run writes nothing")
        .isEqualTo(1);

    Answer edit = put("/api/v1/campaigns/" + campaign, definition("Follow-up v2", true, true));
    assertThat(edit.status()).as(edit.raw().body()).isEqualTo(200);
    assertThat(edit.body().path("version").asInt()).isEqualTo(2);
    assertThat(edit.body().path("edit").path("executions_on_earlier_versions").asLong())
        .isEqualTo(3);
    assertThat(edit.body().path("edit").has("moved")).isFalse();

    enroll(people.subList(3, 4));
    app.engine().runUntilIdle();
    runTwoDaysLater();

    assertThat(subjects())
        .filteredOn(subject -> subject.startsWith("Follow"))
        .containsExactlyInAnyOrder("Follow-up v1", "Follow-up v1", "Follow-up v1", "Follow-up v2");
    JsonNode stats = get("/api/v1/campaigns/" + campaign + "/stats").body();
    JsonNode follow = stats.path("steps").get(2);
    assertThat(follow.path("key").asText()).isEqualTo("follow");
    assertThat(follow.path("sent").asLong())
        .as("a step's figures include its earlier versions")
        .isEqualTo(4);
  }

  @Test
  void moved_enrollments_continue_on_the_step_with_their_key() {
    Answer edit =
        put(
            "/api/v1/campaigns/" + campaign + "?move_enrollments=true",
            definition("Follow-up v2", true, true));
    assertThat(edit.status()).as(edit.raw().body()).isEqualTo(200);
    JsonNode moved = edit.body().path("edit").path("moved");
    assertThat(moved.path("moved").asLong()).isEqualTo(3);
    assertThat(moved.path("continued_at_next_step").asLong()).isZero();
    assertThat(moved.path("ended").asLong()).isZero();
    assertThat(edit.body().path("edit").path("executions_on_earlier_versions").asLong()).isZero();

    runTwoDaysLater();
    assertThat(subjects())
        .filteredOn(s -> s.startsWith("Follow"))
        .hasSize(3)
        .containsOnly("Follow-up v2");
    assertThat(subjects()).filteredOn("Closing"::equals).hasSize(3);
  }

  @Test
  void a_removed_step_hands_its_enrollments_to_the_next_one_that_still_exists() {
    Answer edit =
        put(
            "/api/v1/campaigns/" + campaign + "?move_enrollments=true",
            definition("unused", false, true));
    assertThat(edit.status()).as(edit.raw().body()).isEqualTo(200);
    JsonNode moved = edit.body().path("edit").path("moved");
    assertThat(moved.path("moved").asLong()).isZero();
    assertThat(moved.path("continued_at_next_step").asLong()).isEqualTo(3);
    assertThat(moved.path("ended").asLong()).isZero();

    app.engine().runUntilIdle();
    assertThat(subjects()).as("they still wait as long as they would have").hasSize(3);
    runTwoDaysLater();
    assertThat(subjects())
        .filteredOn(s -> !s.equals("Intro"))
        .containsExactly("Closing", "Closing", "Closing");
  }

  @Test
  void enrollments_with_nothing_left_end_as_completed_and_the_response_says_how_many() {
    Answer edit =
        put(
            "/api/v1/campaigns/" + campaign + "?move_enrollments=true",
            definition("unused", false, false));
    assertThat(edit.status()).as(edit.raw().body()).isEqualTo(200);
    assertThat(edit.body().path("edit").path("moved").path("ended").asLong()).isEqualTo(3);
    assertThat(edit.body().path("steps")).hasSize(2);

    runTwoDaysLater();
    assertThat(subjects()).hasSize(3);
    JsonNode stats = get("/api/v1/campaigns/" + campaign + "/stats").body();
    assertThat(stats.path("completed").asLong()).isEqualTo(3);
    assertThat(stats.path("active").asLong()).isZero();
  }

  @Test
  void moving_later_is_a_separate_call() {
    put("/api/v1/campaigns/" + campaign, definition("Follow-up v2", true, true));
    Answer moved = post("/api/v1/campaigns/" + campaign + "/move-enrollments", "");
    assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
    assertThat(moved.body().path("moved").asLong()).isEqualTo(3);
    Answer again = post("/api/v1/campaigns/" + campaign + "/move-enrollments", "");
    assertThat(again.body().path("moved").asLong()).as("nothing is left to move").isZero();
  }

  @Test
  void an_edit_that_routes_nowhere_is_refused_and_changes_nothing() {
    String broken =
        definition("x", true, true)
            .replace(
                "\"wait_unit\":\"days\"}", "\"wait_unit\":\"days\",\"next_step\":\"nowhere\"}");
    Answer refused = put("/api/v1/campaigns/" + campaign, broken);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.field()).isEqualTo("steps[1].next_step");
    String dangling =
        "{\"name\":\"versions\",\"mailbox_ids\":[\""
            + mailbox
            + "\"],\"steps\":[{\"key\":\"intro\",\"type\":\"email\",\"subject\":\"Intro\","
            + "\"body\":\"Hi\"},{\"key\":\"check\",\"type\":\"condition\","
            + "\"condition_type\":\"replied\",\"true_next_step\":null,"
            + "\"false_next_step\":\"follow\"}]}";
    Answer condition = put("/api/v1/campaigns/" + campaign, dangling);
    assertThat(condition.status()).as("the condition would point at a removed step").isEqualTo(422);
    assertThat(condition.field()).isEqualTo("steps[1].false_next_step");
    Answer preview = put("/api/v1/campaigns/" + campaign + "?dry_run=true", broken);
    assertThat(preview.status()).isEqualTo(422);
    Answer badFlag =
        put("/api/v1/campaigns/" + campaign + "?dry_run=maybe", definition("x", true, true));
    assertThat(badFlag.status()).isEqualTo(400);
    assertThat(badFlag.field()).isEqualTo("dry_run");
    assertThat(get("/api/v1/campaigns/" + campaign).body().path("version").asInt()).isEqualTo(1);

    post("/api/v1/campaigns/" + campaign + "/archive", "");
    Answer archived = put("/api/v1/campaigns/" + campaign, definition("x", true, true));
    assertThat(archived.status()).isEqualTo(409);
    assertThat(put("/api/v1/campaigns/999999", definition("x", true, true)).status())
        .isEqualTo(404);
  }
}
