package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Preview sends nothing and renders what would be sent; lint names who would get empty values. */
class ApiPreviewLintTest extends ApiTestSupport.ServerPerTest {
  private String campaign;
  private String grace;
  private String nobody;

  @BeforeEach
  void createData() {
    String mailbox = createMailbox();
    grace =
        post(
                "/api/v1/people",
                "{\"email_address\":\"grace@navy.example\",\"first_name\":\"Grace\",\"title\":\"Admiral\"}")
            .body()
            .get("id")
            .asText();
    nobody =
        post("/api/v1/people", "{\"email_address\":\"anon@navy.example\"}")
            .body()
            .get("id")
            .asText();
    campaign =
        post(
                "/api/v1/campaigns",
                "{\"name\":\"p\",\"mailbox_ids\":[\""
                    + mailbox
                    + "\"],\"steps\":[{\"key\":\"intro\","
                    + "\"type\":\"email\",\"subject\":\"{Hi|Hello} {{default first_name \\\"there\\\"}}\","
                    + "\"body_html\":\"<p>As a {{title}}, <a href=\\\"https://jobs.example\\\">look</a></p>\"}]}")
            .body()
            .get("id")
            .asText();
    activate(campaign);
    post(
        "/api/v1/campaigns/" + campaign + "/enrollments",
        "{\"person_ids\":[\"" + grace + "\",\"" + nobody + "\"]}");
  }

  @Test
  void preview_renders_subject_text_html_and_headers_and_sends_nothing() {
    Answer preview =
        post(
            "/api/v1/campaigns/" + campaign + "/preview",
            "{\"person_id\":\"" + grace + "\",\"step_key\":\"intro\"}");
    assertThat(preview.status()).isEqualTo(200);
    assertThat(preview.body().path("subject").asText()).isIn("Hi Grace", "Hello Grace");
    assertThat(preview.body().path("text").asText())
        .contains("As a Admiral, look (https://jobs.example)");
    assertThat(preview.body().path("html").asText()).contains("<a href=\"https://jobs.example\">");
    assertThat(preview.body().path("headers").path("List-Unsubscribe").asText()).contains("/u/");
    assertThat(transport.sentCount()).isZero();

    Answer again =
        post(
            "/api/v1/campaigns/" + campaign + "/preview",
            "{\"person_id\":\"" + grace + "\",\"step_key\":\"intro\"}");
    assertThat(again.body().path("subject").asText())
        .isEqualTo(preview.body().path("subject").asText());

    Answer unknownStep =
        post(
            "/api/v1/campaigns/" + campaign + "/preview",
            "{\"person_id\":\"" + grace + "\",\"step_key\":\"nope\"}");
    assertThat(unknownStep.status()).isEqualTo(422);
    assertThat(unknownStep.body().path("field").asText()).isEqualTo("step_key");
  }

  @Test
  void lint_lists_people_for_whom_a_variable_without_default_renders_empty() {
    Answer lint = get("/api/v1/campaigns/" + campaign + "/lint");
    assertThat(lint.status()).isEqualTo(200);
    assertThat(lint.body().path("people")).hasSize(1);
    assertThat(lint.body().path("people").get(0).path("person_id").asText()).isEqualTo(nobody);
    assertThat(lint.body().path("people").get(0).path("missing").toString())
        .isEqualTo("[\"title\"]");
  }
}
