package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.SendResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lifecycle moves of campaigns and enrollments, and the dead-letter queue, through the API. */
class ApiLifecycleTest extends ApiTestSupport.ServerPerTest {
  private String campaign;
  private String person;

  @BeforeEach
  void createData() {
    String mailbox = createMailbox();
    person = createPerson("grace@navy.example", "Grace");
    campaign = createCampaignFrom(mailbox);
  }

  @Test
  void a_campaign_moves_through_its_lifecycle_and_refuses_illegal_moves() {
    assertThat(post("/api/v1/campaigns/" + campaign + "/pause", "").status()).isEqualTo(409);
    assertThat(status(post("/api/v1/campaigns/" + campaign + "/activate", ""))).isEqualTo("active");
    assertThat(status(post("/api/v1/campaigns/" + campaign + "/pause", ""))).isEqualTo("paused");
    assertThat(status(post("/api/v1/campaigns/" + campaign + "/resume", ""))).isEqualTo("active");
    assertThat(status(post("/api/v1/campaigns/" + campaign + "/archive", "")))
        .isEqualTo("archived");
    Answer again = post("/api/v1/campaigns/" + campaign + "/activate", "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.field()).isEqualTo("status");
    Answer enroll =
        post(
            "/api/v1/campaigns/" + campaign + "/enrollments", "{\"person_ids\": [" + person + "]}");
    assertThat(enroll.status()).isEqualTo(409);
    assertThat(get("/api/v1/campaigns").body().get("items").get(0).get("status").asText())
        .isEqualTo("archived");
  }

  @Test
  void an_enrollment_is_paused_resumed_and_stopped() {
    activate(campaign);
    post(
        "/api/v1/campaigns/" + campaign + "/enrollments", "{\"person_ids\": [\"" + person + "\"]}");
    JsonNode enrollment =
        get("/api/v1/campaigns/" + campaign + "/enrollments?status=active")
            .body()
            .get("items")
            .get(0);
    String id = enrollment.get("id").asText();
    assertThat(enrollment.get("person_id").asText()).isEqualTo(person);
    assertThat(enrollment.get("current_step_key").asText()).isEqualTo("intro");
    assertThat(enrollment.get("next_run_at").asText()).isEqualTo("2026-03-02T14:00:00Z");

    assertThat(status(post("/api/v1/enrollments/" + id + "/pause", ""))).isEqualTo("paused");
    assertThat(
            get("/api/v1/campaigns/" + campaign + "/enrollments?status=active").body().get("items"))
        .isEmpty();
    assertThat(app.engine().runUntilIdle()).isZero();
    assertThat(status(post("/api/v1/enrollments/" + id + "/resume", ""))).isEqualTo("active");
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(1);
    Answer stopped = post("/api/v1/enrollments/" + id + "/stop", "");
    assertThat(status(stopped)).isEqualTo("stopped");
    assertThat(stopped.body().get("finished_at").isNull()).isFalse();
    assertThat(post("/api/v1/enrollments/" + id + "/resume", "").status()).isEqualTo(409);
    assertThat(status(get("/api/v1/enrollments/" + id))).isEqualTo("stopped");
  }

  @Test
  void a_dead_execution_is_listed_and_retried() {
    transport.failNext(new SendResult.PermanentFailure("550 mailbox unavailable"));
    activate(campaign);
    post("/api/v1/campaigns/" + campaign + "/enrollments", "{\"person_ids\": [" + person + "]}");
    app.engine().runUntilIdle();

    List<JsonNode> dead = items(get("/api/v1/executions?status=dead&campaign_id=" + campaign));
    assertThat(dead).hasSize(1);
    JsonNode execution = dead.get(0);
    assertThat(execution.get("step_key").asText()).isEqualTo("intro");
    assertThat(execution.get("campaign_id").asText()).isEqualTo(campaign);
    assertThat(execution.get("last_error").asText()).contains("550");
    assertThat(get("/api/v1/executions?campaign_id=424242").body().get("items")).isEmpty();
    assertThat(
            get("/api/v1/campaigns/" + campaign + "/stats")
                .body()
                .get("steps")
                .get(0)
                .get("dead")
                .asLong())
        .isEqualTo(1);

    Answer retried = post("/api/v1/executions/" + execution.get("id").asText() + "/retry", "");
    assertThat(retried.status()).isEqualTo(202);
    assertThat(retried.body().get("status").asText()).isEqualTo("pending");
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(1);
    assertThat(get("/api/v1/executions?status=dead").body().get("items")).isEmpty();
  }

  private static String status(Answer answer) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    return answer.body().get("status").asText();
  }
}
