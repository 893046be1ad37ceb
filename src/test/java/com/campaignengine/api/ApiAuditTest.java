package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.access.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit log: every committed write through the API is recorded in its own transaction (who,
 * what, which object, when), a failed or rolled-back one is not, and {@code GET /api/v1/audit}
 * pages through the workspace's rows; retention prunes them.
 */
class ApiAuditTest extends ApiTestSupport.ServerPerTest {
  private static final String ACTOR = "key:workspace key (" + KEY.substring(0, 12) + ")";

  private List<JsonNode> audit(String query) {
    Answer answer = get("/api/v1/audit" + query);
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    return items(answer);
  }

  private long rows() {
    return com.campaignengine.testing.Sql.count(
        app.database().dataSource(), "SELECT count(*) FROM audit_log");
  }

  private Answer patch(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  @Test
  void every_committed_write_records_who_what_which_object_and_when() {
    String mailbox = createMailbox();
    String campaign = createCampaignFrom(mailbox);
    String person = createPerson("grace@corp.example", "Grace");
    assertThat(put("/api/v1/campaigns/" + campaign, campaignJson("[\"" + mailbox + "\"]")).status())
        .isEqualTo(200);
    clock.advance(Duration.ofMinutes(5));
    activate(campaign);
    enrollIn(campaign, person);
    assertThat(patch("/api/v1/mailboxes/" + mailbox, "{\"display_name\": \"Ada L.\"}").status())
        .isEqualTo(200);

    List<JsonNode> rows = audit("");
    assertThat(rows)
        .extracting(r -> r.get("action").asText() + " " + r.get("object_id").asText())
        .containsExactly(
            "mailboxes.update " + mailbox,
            "campaigns.enrollments.create " + campaign,
            "campaigns.activate " + campaign,
            "campaigns.update " + campaign,
            "people.create " + person,
            "campaigns.create " + campaign,
            "mailboxes.create " + mailbox);
    JsonNode update = rows.get(3);
    assertThat(update.get("method").asText()).isEqualTo("PUT");
    assertThat(update.get("route").asText()).isEqualTo("/api/v1/campaigns/{id}");
    assertThat(update.get("object_type").asText()).isEqualTo("campaigns");
    assertThat(update.get("actor").asText()).isEqualTo(ACTOR);
    assertThat(update.get("actor_key_id").isNull()).isFalse();
    assertThat(update.get("actor_user_id").isNull()).isTrue();
    assertThat(update.get("occurred_at").asText()).isEqualTo(START.toString());
    assertThat(rows.get(2).get("occurred_at").asText())
        .as("the node's clock")
        .isEqualTo(START.plus(Duration.ofMinutes(5)).toString());
  }

  @Test
  void writes_that_fail_or_roll_back_and_reads_record_nothing() {
    String mailbox = createMailbox();
    String campaign = createCampaignFrom(mailbox);
    createPerson("grace@corp.example", "Grace");
    long before = rows();

    // Refused before anything is done, refused by the store, and a dry run rolled back.
    assertThat(put("/api/v1/campaigns/" + campaign, "{\"name\": \"\"}").status()).isEqualTo(422);
    assertThat(
            post(
                    "/api/v1/people",
                    "{\"email_address\": \"grace@corp.example\", \"first_name\": \"G\"}")
                .status())
        .isEqualTo(409);
    assertThat(
            post("/api/v1/campaigns?dry_run=true", campaignJson("[\"" + mailbox + "\"]")).status())
        .isEqualTo(200);
    assertThat(post("/api/v1/campaigns/999999/activate", "").status()).isEqualTo(404);
    // Reads, and a POST that only reads.
    get("/api/v1/campaigns/" + campaign);
    assertThat(post("/api/v1/campaigns/" + campaign + "/simulate", "{}").status()).isEqualTo(200);

    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void a_write_made_without_an_explicit_transaction_is_recorded_too() {
    // Both are single autocommitted statements in their stores.
    assertThat(put("/api/v1/settings/retention", "{\"retention_days\": 30}").status())
        .isEqualTo(200);
    assertThat(put("/api/v1/holidays", "{\"country\": \"US\", \"dates\": []}").status())
        .isEqualTo(200);

    assertThat(audit(""))
        .extracting(r -> r.get("action").asText())
        .containsExactly("holidays.update", "settings.retention.update");
  }

  @Test
  void the_log_pages_newest_first_and_filters_by_time_actor_and_object() {
    String mailbox = createMailbox();
    String first = createCampaignFrom(mailbox);
    clock.advance(Duration.ofHours(1));
    String second = createCampaignFrom(mailbox);
    activate(second);
    String viewer =
        TeamFixtures.addKey(
            app.database().dataSource(),
            app.workspaces.authenticate(KEY).orElseThrow(),
            Role.VIEWER,
            START);

    List<JsonNode> page1 = audit("?limit=2");
    Answer firstPage = get("/api/v1/audit?limit=2");
    String next = firstPage.body().get("next").asText();
    List<JsonNode> page2 = audit("?limit=2&after=" + next);
    assertThat(page1)
        .extracting(r -> r.get("action").asText())
        .containsExactly("campaigns.activate", "campaigns.create");
    assertThat(page2)
        .extracting(r -> r.get("action").asText() + " " + r.get("object_id").asText())
        .containsExactly("campaigns.create " + first, "mailboxes.create " + mailbox);
    assertThat(audit("?limit=2&after=" + page2.get(1).get("id").asText())).isEmpty();

    assertThat(audit("?object=campaigns:" + second))
        .extracting(r -> r.get("action").asText())
        .containsExactly("campaigns.activate", "campaigns.create");
    assertThat(audit("?object=campaigns")).hasSize(3);
    assertThat(audit("?since=" + START.plus(Duration.ofMinutes(30)))).hasSize(2);
    assertThat(
            audit(
                "?actor="
                    + java.net.URLEncoder.encode(ACTOR, java.nio.charset.StandardCharsets.UTF_8)))
        .hasSize(4);
    String keyId = page1.get(0).get("actor_key_id").asText();
    assertThat(audit("?actor=key:" + keyId)).hasSize(4);
    assertThat(audit("?actor=key:999999")).isEmpty();
    assertThat(audit("?actor=user:1")).isEmpty();

    // A viewer reads it.
    Answer asViewer =
        send(
            HttpRequest.newBuilder(uri("/api/v1/audit"))
                .header("Authorization", "Bearer " + viewer)
                .GET());
    assertThat(asViewer.status()).isEqualTo(200);
    assertThat(asViewer.body().get("items")).hasSize(4);
  }

  @Test
  void bad_parameters_are_refused_naming_the_parameter() {
    for (String[] bad :
        new String[][] {
          {"since=yesterday", "since"},
          {"object=Campaigns!", "object"},
          {"object=campaigns:", "object"},
          {"after=abc", "after"},
          {"limit=0", "limit"},
          {"limit=501", "limit"}
        }) {
      Answer answer = get("/api/v1/audit?" + bad[0]);
      assertThat(answer.status()).as(bad[0]).isEqualTo(400);
      assertThat(answer.field()).as(bad[0]).isEqualTo(bad[1]);
    }
  }

  @Test
  void a_workspace_sees_only_its_own_rows() {
    createMailbox();
    String other = app.workspaces.createWorkspace("Other");
    Answer theirs =
        send(
            HttpRequest.newBuilder(uri("/api/v1/audit"))
                .header("Authorization", "Bearer " + other)
                .GET());
    assertThat(theirs.status()).isEqualTo(200);
    assertThat(theirs.body().get("items")).isEmpty();
    assertThat(audit("")).hasSize(1);
  }

  @Test
  void retention_prunes_rows_older_than_the_workspace_setting() {
    createMailbox();
    assertThat(put("/api/v1/settings/retention", "{\"retention_days\": 7}").status())
        .isEqualTo(200);
    clock.advance(Duration.ofDays(6));
    String later = createPerson("grace@corp.example", "Grace");
    clock.advance(Duration.ofDays(2)); // the first two rows are now 8 days old, the last 2 days

    app.retention.prune();

    assertThat(audit(""))
        .extracting(r -> r.get("action").asText() + " " + r.get("object_id").asText())
        .containsExactly("people.create " + later);
  }
}
