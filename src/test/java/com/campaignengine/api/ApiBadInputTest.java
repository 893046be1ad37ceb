package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal answers with its status and the field at fault, and writes nothing: campaigns,
 * people, mailboxes and enrollments are counted before each test and again after each refusal. One
 * server and database serve the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiBadInputTest extends ApiTestSupport {
  private String mailbox;
  private String campaign;
  private List<Integer> counts;

  @BeforeAll
  void existingData(@TempDir Path dir) {
    startServer(dir);
    mailbox = createMailbox();
    createPerson("grace@navy.example", "Grace");
    campaign = createCampaignFrom(mailbox);
  }

  @AfterAll
  void stop() {
    stopServer();
  }

  @BeforeEach
  void countWhatExists() {
    counts = counts();
  }

  private List<Integer> counts() {
    return List.of(
        count("/api/v1/campaigns"),
        count("/api/v1/people?limit=500"),
        count("/api/v1/mailboxes"),
        count("/api/v1/campaigns/" + campaign + "/enrollments"));
  }

  private void assertRefused(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
    assertThat(answer.field()).as(answer.raw().body()).isEqualTo(field);
    assertThat(answer.body().get("error").asText()).isNotBlank().doesNotContain("Exception");
    assertThat(counts()).as("campaigns, people, mailboxes, enrollments").isEqualTo(counts);
  }

  private Answer createCampaign(String stepsJson) {
    return post(
        "/api/v1/campaigns",
        "{\"name\": \"Bad\", \"mailbox_ids\": [\""
            + mailbox
            + "\"], \"steps\": "
            + stepsJson
            + "}");
  }

  private static final String EMAIL =
      "{\"key\": \"intro\", \"type\": \"email\", \"subject\": \"Hi\", \"body\": \"Hello {{first_name}}\"}";

  @Test
  void a_condition_naming_an_unknown_step_key() {
    Answer answer =
        createCampaign(
            "["
                + EMAIL
                + ", {\"key\": \"check\", \"type\": \"condition\", \"condition_type\": \"replied\","
                + " \"true_next_step\": null, \"false_next_step\": \"nowhere\"}]");
    assertRefused(answer, 422, "steps[1].false_next_step");
  }

  @Test
  void a_loop_without_a_wait() {
    Answer answer =
        createCampaign(
            "[{\"key\": \"a\", \"type\": \"email\", \"subject\": \"A\", \"body\": \"A\", \"next_step\": \"b\"},"
                + " {\"key\": \"b\", \"type\": \"email\", \"subject\": \"B\", \"body\": \"B\", \"next_step\": \"a\"}]");
    assertRefused(answer, 422, "steps[1].next_step");
  }

  private static final String LOOP_THROUGH_A_WAIT =
      "[{\"key\": \"a\", \"type\": \"email\", \"subject\": \"A\", \"body\": \"A\"},"
          + " {\"key\": \"w\", \"type\": \"wait\", \"wait_duration\": 1, \"wait_unit\": \"minutes\","
          + " \"next_step\": \"a\"}]";

  @Test
  void a_loop_through_a_wait_is_refused_where_it_closes() {
    Answer answer = createCampaign(LOOP_THROUGH_A_WAIT);
    assertRefused(answer, 422, "steps[1].next_step");
    assertThat(answer.body().get("error").asText()).contains("'a'");
  }

  @Test
  void an_edit_that_loops_through_a_wait_is_refused_and_changes_nothing() {
    int version = get("/api/v1/campaigns/" + campaign).body().get("version").asInt();
    Answer answer =
        put(
            "/api/v1/campaigns/" + campaign,
            "{\"name\": \"Backend engineers\", \"mailbox_ids\": [\""
                + mailbox
                + "\"], \"steps\": "
                + LOOP_THROUGH_A_WAIT
                + "}");
    assertRefused(answer, 422, "steps[1].next_step");
    JsonNode after = get("/api/v1/campaigns/" + campaign).body();
    assertThat(after.get("version").asInt()).isEqualTo(version);
    assertThat(after.get("steps").get(0).get("key").asText()).isEqualTo("intro");
  }

  @Test
  void a_condition_branching_back_to_an_earlier_step_is_a_loop_too() {
    Answer answer =
        createCampaign(
            "[{\"key\": \"a\", \"type\": \"email\", \"subject\": \"A\", \"body\": \"A\"},"
                + " {\"key\": \"w\", \"type\": \"wait\", \"wait_duration\": 2, \"wait_unit\": \"days\"},"
                + " {\"key\": \"c\", \"type\": \"condition\", \"condition_type\": \"opened\","
                + " \"true_next_step\": null, \"false_next_step\": \"w\"}]");
    assertRefused(answer, 422, "steps[2].false_next_step");
  }

  @Test
  void a_misspelt_step_field_is_refused_with_its_path_and_the_field_it_resembles() {
    Answer answer =
        createCampaign(
            "[{\"key\": \"intro\", \"type\": \"email\", \"subject\": \"Hi\", \"body\": \"Hello\","
                + " \"same_thred\": true}]");
    assertRefused(answer, 422, "steps[0].same_thred");
    assertThat(answer.body().get("error").asText())
        .isEqualTo("unknown field 'same_thred' (did you mean 'same_thread'?)");
  }

  @Test
  void a_field_that_does_not_exist_is_refused_with_the_fields_that_do() {
    Answer answer =
        post("/api/v1/people", "{\"email_address\": \"ada@engine.example\", \"headers\": {}}");
    assertRefused(answer, 422, "headers");
    assertThat(answer.body().get("error").asText())
        .startsWith("unknown field 'headers' (known here: email_address, first_name");
  }

  @Test
  void a_csv_header_naming_one_field_twice_is_refused_and_nothing_is_imported() {
    Answer answer =
        send(
            request("/api/v1/people/import")
                .header("Content-Type", "text/csv")
                .POST(
                    body(
                        "email_address,title,Title\nada@engine.example,Countess,Mathematician\n")));
    assertRefused(answer, 422, "header");
    assertThat(answer.body().get("error").asText()).contains("columns 2 and 3");
  }

  @Test
  void a_mailbox_named_by_an_address_that_is_not_in_the_workspace() {
    Answer answer =
        post(
            "/api/v1/campaigns",
            "{\"name\": \"Bad\", \"mailbox_ids\": [\""
                + mailbox
                + "\", \"nobody@recruit.example\"], \"steps\": ["
                + EMAIL
                + "]}");
    assertRefused(answer, 422, "mailbox_ids[1]");
    assertThat(answer.body().get("error").asText())
        .isEqualTo("no mailbox nobody@recruit.example in this workspace");
  }

  @Test
  void a_negative_wait() {
    Answer answer =
        createCampaign(
            "["
                + EMAIL
                + ", {\"key\": \"w\", \"type\": \"wait\", \"wait_duration\": -1, \"wait_unit\": \"days\"}]");
    assertRefused(answer, 422, "steps[1].wait_duration");
  }

  @Test
  void an_absurd_wait() {
    Answer answer =
        createCampaign(
            "["
                + EMAIL
                + ", {\"key\": \"w\", \"type\": \"wait\", \"wait_duration\": 1000, \"wait_unit\": \"days\"}]");
    assertRefused(answer, 422, "steps[1].wait_duration");
  }

  @Test
  void an_unknown_wait_unit() {
    Answer answer =
        createCampaign(
            "["
                + EMAIL
                + ", {\"key\": \"w\", \"type\": \"wait\", \"wait_duration\": 2, \"wait_unit\": \"fortnights\"}]");
    assertRefused(answer, 422, "steps[1].wait_unit");
  }

  @Test
  void an_unknown_step_type() {
    assertRefused(createCampaign("[{\"key\": \"x\", \"type\": \"sms\"}]"), 422, "steps[0].type");
  }

  @Test
  void an_unknown_time_zone() {
    Answer answer =
        post(
            "/api/v1/campaigns",
            "{\"name\": \"Bad\", \"timezone\": \"Mars/Olympus_Mons\", \"mailbox_ids\": [\""
                + mailbox
                + "\"], \"steps\": ["
                + EMAIL
                + "]}");
    assertRefused(answer, 422, "timezone");
  }

  @Test
  void a_sending_window_that_ends_before_it_starts() {
    Answer answer =
        post(
            "/api/v1/campaigns",
            "{\"name\": \"Bad\", \"mailbox_ids\": [\""
                + mailbox
                + "\"], \"sending_window\":"
                + " {\"days\": [\"mon\"], \"start\": \"17:00\", \"end\": \"09:00\"}, \"steps\": ["
                + EMAIL
                + "]}");
    assertRefused(answer, 422, "sending_window.end");
  }

  @Test
  void an_invalid_email_address() {
    assertRefused(
        post("/api/v1/people", "{\"email_address\": \"not an address\"}"), 422, "email_address");
  }

  @Test
  void a_duplicate_person_names_the_existing_one() {
    String existing =
        get("/api/v1/people?email_address=grace%40navy.example")
            .body()
            .get("items")
            .get(0)
            .get("id")
            .asText();
    Answer answer = post("/api/v1/people", "{\"email_address\": \"Grace@navy.example\"}");
    assertRefused(answer, 409, "email_address");
    assertThat(answer.body().get("id").asText()).isEqualTo(existing);
  }

  @Test
  void a_template_with_an_unknown_variable() {
    Answer answer =
        createCampaign(
            "[{\"key\": \"intro\", \"type\": \"email\", \"subject\": \"Hi\", \"body\": \"Hello {{frist_name}}\"}]");
    assertRefused(answer, 422, "steps[0].body");
    assertThat(answer.body().get("error").asText()).contains("frist_name");
  }

  @Test
  void a_template_with_an_unclosed_tag() {
    Answer answer =
        createCampaign(
            "[{\"key\": \"intro\", \"type\": \"email\", \"subject\": \"Hi {{first_name\", \"body\": \"Hello\"}]");
    assertRefused(answer, 422, "steps[0].subject");
  }

  @Test
  void a_campaign_without_steps() {
    assertRefused(createCampaign("[]"), 422, "steps");
  }

  @Test
  void a_string_where_a_number_belongs() {
    Answer answer =
        createCampaign(
            "["
                + EMAIL
                + ", {\"key\": \"w\", \"type\": \"wait\", \"wait_duration\": \"two\", \"wait_unit\": \"days\"}]");
    assertRefused(answer, 400, "steps[1].wait_duration");
  }

  @Test
  void malformed_json() {
    assertRefused(post("/api/v1/campaigns", "{\"name\": \"Bad\", \"steps\": ["), 400, "body");
  }

  @Test
  void a_body_that_is_not_an_object() {
    assertRefused(post("/api/v1/people", "[1, 2]"), 400, "body");
  }

  @Test
  void an_oversized_body() {
    String big = "{\"name\": \"" + "x".repeat(2 << 20) + "\", \"steps\": []}";
    assertRefused(post("/api/v1/campaigns", big), 413, "body");
  }

  @Test
  void an_oversized_body_without_a_length() {
    byte[] big = ("{\"name\": \"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
    Answer answer =
        send(
            request("/api/v1/people")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
    assertRefused(answer, 413, "body");
  }

  @Test
  void a_head_request_is_answered_without_a_body() throws Exception {
    var response =
        client.send(
            request("/api/v1/campaigns")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void a_json_body_sent_with_curls_default_form_type_is_accepted() {
    Answer answer =
        send(
            request("/api/v1/mailboxes")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(body("{\"provider\":\"outbox\",\"email\":\"curl@x.example\"}")));
    assertThat(answer.status()).isEqualTo(201);
  }

  @Test
  void a_body_that_is_not_json() {
    Answer answer =
        send(request("/api/v1/people").header("Content-Type", "text/plain").POST(body("{}")));
    assertRefused(answer, 415, "content-type");
  }

  @Test
  void a_missing_api_key() {
    Answer answer =
        send(
            HttpRequest.newBuilder(uri("/api/v1/people"))
                .header("Content-Type", "application/json")
                .POST(body("{\"email_address\": \"alan@bletchley.example\"}")));
    assertRefused(answer, 401, "authorization");
    assertThat(answer.body().get("error").asText()).isEqualTo("missing or invalid API key");
  }

  @Test
  void a_wrong_api_key() {
    Answer answer =
        send(
            HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                .header("Authorization", "Bearer not-the-key-0123456789")
                .GET());
    assertRefused(answer, 401, "authorization");
  }

  @Test
  void activating_a_campaign_without_a_mailbox() {
    Answer created =
        post(
            "/api/v1/campaigns",
            "{\"name\": \"No mailbox\", \"mailbox_ids\": [], \"steps\": [" + EMAIL + "]}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    Answer answer = post("/api/v1/campaigns/" + id + "/activate", "");
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.field()).isEqualTo("mailbox_ids");
    assertThat(get("/api/v1/campaigns/" + id).body().get("status").asText()).isEqualTo("draft");
  }

  @Test
  void enrolling_in_a_draft_campaign_is_refused_until_it_is_activated() {
    String person =
        get("/api/v1/people?email_address=grace%40navy.example")
            .body()
            .get("items")
            .get(0)
            .get("id")
            .asText();
    Answer answer =
        post(
            "/api/v1/campaigns/" + campaign + "/enrollments",
            "{\"person_ids\": [\"" + person + "\"]}");
    assertRefused(answer, 409, "status");
    assertThat(answer.body().get("error").asText()).contains("activate it first");
  }

  @Test
  void enrolling_unknown_people_reports_them_skipped() {
    String active =
        post(
                "/api/v1/campaigns",
                "{\"name\": \"Live\", \"mailbox_ids\": [\""
                    + mailbox
                    + "\"], \"steps\": ["
                    + EMAIL
                    + "]}")
            .body()
            .get("id")
            .asText();
    post("/api/v1/campaigns/" + active + "/activate", "");
    counts = counts();
    Answer answer =
        post(
            "/api/v1/campaigns/" + active + "/enrollments",
            "{\"person_ids\": [\"999999\", \"abc\", 424242]}");
    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.body().get("enrolled").asInt()).isZero();
    assertThat(answer.body().get("skipped").findValuesAsText("person_id"))
        .containsExactlyInAnyOrder("999999", "abc", "424242");
    assertThat(answer.body().get("skipped").findValuesAsText("reason"))
        .containsOnly("unknown_person");
    assertThat(count("/api/v1/campaigns/" + active + "/enrollments")).isZero();
  }

  @Test
  void enrolling_nobody() {
    assertRefused(
        post("/api/v1/campaigns/" + campaign + "/enrollments", "{\"person_ids\": []}"),
        422,
        "person_ids");
  }

  @Test
  void an_unknown_campaign() {
    assertRefused(get("/api/v1/campaigns/999999"), 404, "id");
    assertRefused(
        post("/api/v1/campaigns/999999/enrollments", "{\"person_ids\": [\"1\"]}"), 404, "id");
  }

  @Test
  void a_csv_import_skips_the_bad_row_and_imports_the_good_ones() {
    String csv =
        """
        email_address,first_name,company_name
        ada@engine.example,Ada,Analytical
        not-an-address,Bad,Nowhere
        alan@bletchley.example,Alan,Bletchley
        """;
    Answer answer =
        send(request("/api/v1/people/import").header("Content-Type", "text/csv").POST(body(csv)));
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    assertThat(answer.body().get("imported").asInt()).isEqualTo(2);
    assertThat(answer.body().get("updated").asInt()).isZero();
    assertThat(answer.body().get("skipped")).hasSize(1);
    assertThat(answer.body().get("skipped").get(0).get("line").asLong()).isEqualTo(3);
    assertThat(answer.body().get("skipped").get(0).get("reason").asText())
        .contains("email_address");
    assertThat(count("/api/v1/people?limit=500")).isEqualTo(counts.get(1) + 2);
  }

  @Test
  void a_non_numeric_path_id() {
    assertRefused(get("/api/v1/campaigns/abc"), 404, "id");
    assertRefused(post("/api/v1/enrollments/12x/stop", ""), 404, "id");
  }

  @Test
  void an_unknown_route() {
    assertRefused(get("/api/v1/nothing-here"), 404, "path");
  }

  @Test
  void a_wrong_method() {
    Answer answer = send(request("/api/v1/campaigns").DELETE());
    assertRefused(answer, 405, "method");
    assertThat(answer.raw().headers().firstValue("Allow")).hasValue("GET, POST");
  }

  @Test
  void bad_paging_parameters() {
    assertRefused(get("/api/v1/people?limit=0"), 400, "limit");
    assertRefused(get("/api/v1/people?limit=501"), 400, "limit");
    assertRefused(get("/api/v1/people?cursor=zzz"), 400, "cursor");
    assertRefused(
        get("/api/v1/campaigns/" + campaign + "/enrollments?status=sleeping"), 422, "status");
  }

  @Test
  void listing_executions_other_than_dead_ones() {
    assertRefused(get("/api/v1/executions?status=pending"), 422, "status");
  }

  @Test
  void retrying_an_unknown_execution() {
    assertRefused(post("/api/v1/executions/424242/retry", ""), 404, "id");
  }
}
