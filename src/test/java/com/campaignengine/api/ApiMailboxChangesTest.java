package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PATCH /api/v1/mailboxes/{id}} changes what it is given, checked as a create is, secrets
 * write-only; {@code DELETE} removes a mailbox no live campaign uses (issue 12, defect 14).
 */
class ApiMailboxChangesTest extends ApiTestSupport.ServerPerTest {
  private String smtp;

  @BeforeEach
  void createSmtpMailbox() {
    Answer created =
        post(
            "/api/v1/mailboxes",
            """
            {"provider": "smtp", "email": "ada@recruit.example", "display_name": "Ada",
             "daily_limit": 300, "hourly_limit": 60, "min_gap_seconds": 30, "max_gap_seconds": 90,
             "smtp": {"host": "smtp.recruit.example", "port": 587, "username": "ada",
                      "password": "first-password", "security": "starttls"}}
            """);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    smtp = created.body().get("id").asText();
  }

  private Answer patch(String id, String json) {
    return send(
        request("/api/v1/mailboxes/" + id)
            .header("Content-Type", "application/json")
            .method("PATCH", body(json)));
  }

  private Map<String, String> secrets() {
    return app.mailboxes.secretsOf(Long.parseLong(smtp));
  }

  @Test
  void a_patch_changes_only_what_it_names_and_keeps_the_secrets() {
    Answer answer =
        patch(
            smtp,
            """
            {"display_name": "Ada Lovelace", "daily_limit": 500, "hourly_limit": null,
             "min_gap_seconds": 10, "max_gap_seconds": 20, "timezone": "Europe/London",
             "smtp": {"port": 465, "security": "tls"}}
            """);

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    JsonNode mailbox = get("/api/v1/mailboxes/" + smtp).body();
    assertThat(mailbox).isEqualTo(answer.body());
    assertThat(mailbox.get("display_name").asText()).isEqualTo("Ada Lovelace");
    assertThat(mailbox.get("daily_limit").asInt()).isEqualTo(500);
    assertThat(mailbox.get("hourly_limit").isNull()).isTrue();
    assertThat(mailbox.get("min_gap_seconds").asInt()).isEqualTo(10);
    assertThat(mailbox.get("max_gap_seconds").asInt()).isEqualTo(20);
    assertThat(mailbox.get("timezone").asText()).isEqualTo("Europe/London");
    assertThat(mailbox.get("smtp").get("host").asText()).isEqualTo("smtp.recruit.example");
    assertThat(mailbox.get("smtp").get("port").asInt()).isEqualTo(465);
    assertThat(mailbox.get("smtp").get("security").asText()).isEqualTo("tls");
    assertThat(mailbox.toString()).doesNotContain("password");
    assertThat(secrets()).containsEntry("smtp.password", "first-password");
  }

  @Test
  void a_new_secret_is_stored_and_never_shown_and_imap_can_be_added_and_removed() {
    Answer withImap =
        patch(
            smtp,
            """
            {"smtp": {"password": "second-password"},
             "imap": {"host": "imap.recruit.example", "port": 993, "username": "ada",
                      "password": "imap-password", "security": "tls"}}
            """);
    assertThat(withImap.status()).as(withImap.raw().body()).isEqualTo(200);
    assertThat(withImap.body().get("imap").get("host").asText()).isEqualTo("imap.recruit.example");
    assertThat(withImap.raw().body()).doesNotContain("password\"");
    assertThat(secrets())
        .containsEntry("smtp.password", "second-password")
        .containsEntry("imap.password", "imap-password");

    Answer withoutImap = patch(smtp, "{\"imap\": null}");
    assertThat(withoutImap.status()).as(withoutImap.raw().body()).isEqualTo(200);
    assertThat(withoutImap.body().has("imap")).isFalse();
    assertThat(secrets()).doesNotContainKey("imap.password");
  }

  @Test
  void a_patch_is_checked_as_a_create_is_and_a_refused_one_changes_nothing() {
    JsonNode before = get("/api/v1/mailboxes/" + smtp).body();
    String[][] refusals = {
      {"{\"daily_limit\": 0}", "daily_limit"},
      {"{\"daily_limit\": null}", "daily_limit"},
      {"{\"dialy_limit\": 10}", "dialy_limit"},
      {"{\"display_name\": \"Ada\\r\\nBcc: x@y.example\"}", "display_name"},
      {"{\"min_gap_seconds\": 120}", "max_gap_seconds"},
      {"{\"timezone\": \"Mars/Base\"}", "timezone"},
      {"{\"smtp\": {\"host\": \"smtp.example\\r\\nRCPT TO:<x@y.example>\"}}", "smtp.host"},
      {"{\"smtp\": {\"hots\": \"smtp.example\"}}", "smtp.hots"},
      {"{\"smtp\": {\"host\": null}}", "smtp.host"},
      {"{\"gmail\": {\"client_id\": \"x\"}}", "gmail"},
      {"{\"email\": \"other@recruit.example\"}", "email"},
      {"{\"provider\": \"gmail\"}", "provider"},
      {"{\"smtp\": {\"port\": \"25\"}}", "smtp.port"},
    };
    for (String[] refusal : refusals) {
      Answer answer = patch(smtp, refusal[0]);
      assertThat(answer.status()).as(refusal[0] + " -> " + answer.raw().body()).isBetween(400, 422);
      assertThat(answer.field())
          .as(refusal[0] + " -> " + answer.raw().body())
          .isEqualTo(refusal[1]);
    }
    assertThat(get("/api/v1/mailboxes/" + smtp).body()).isEqualTo(before);
    assertThat(secrets()).containsEntry("smtp.password", "first-password");
    assertThat(patch("424242", "{\"daily_limit\": 5}").status()).isEqualTo(404);
  }

  private Answer delete(String path) {
    return send(request(path).DELETE());
  }

  @Test
  void a_mailbox_a_live_campaign_uses_cannot_be_deleted_until_the_campaign_is_archived() {
    String campaign = createCampaignFrom(smtp);

    Answer refused = delete("/api/v1/mailboxes/" + smtp);

    assertThat(refused.status()).as(refused.raw().body()).isEqualTo(409);
    assertThat(refused.field()).isEqualTo("id");
    assertThat(refused.body().get("error").asText()).contains("campaign " + campaign);
    assertThat(get("/api/v1/mailboxes/" + smtp).status()).isEqualTo(200);

    post("/api/v1/campaigns/" + campaign + "/archive", "");
    Answer deleted = delete("/api/v1/mailboxes/" + smtp);

    assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(204);
    assertThat(deleted.raw().body()).isEmpty();
    assertThat(get("/api/v1/mailboxes/" + smtp).status()).isEqualTo(404);
    assertThat(count("/api/v1/mailboxes")).isZero();
    Answer archived = get("/api/v1/campaigns/" + campaign);
    assertThat(archived.status()).isEqualTo(200);
    assertThat(archived.body().get("mailbox_ids")).isEmpty();
    assertThat(delete("/api/v1/mailboxes/" + smtp).status()).isEqualTo(404);
  }

  @Test
  void a_deleted_mailbox_leaves_no_record_of_the_mail_its_inbox_was_read_for() {
    app.database()
        .inTransaction(
            c -> {
              try (java.sql.Statement s = c.createStatement()) {
                return s.executeUpdate(
                    "INSERT INTO inbound_seen (mailbox_id, message_key, seen_at) VALUES ("
                        + smtp
                        + ", '<reply@elsewhere.example>', now())");
              }
            });

    assertThat(delete("/api/v1/mailboxes/" + smtp).status()).isEqualTo(204);

    // Retention prunes these through the mailbox's workspace: with the mailbox gone, never.
    assertThat(Sql.count(app.database().dataSource(), "SELECT count(*) FROM inbound_seen"))
        .isZero();
  }

  @Test
  void a_mailbox_still_sending_a_sequence_cannot_be_deleted_even_when_its_campaign_moved_on() {
    String other =
        post("/api/v1/mailboxes", "{\"provider\": \"outbox\", \"email\": \"bob@recruit.example\"}")
            .body()
            .get("id")
            .asText();
    String campaign = createCampaignFrom(smtp);
    activate(campaign);
    enrollIn(campaign, createPerson("grace@navy.example", "Grace"));
    // The campaign now sends new people from the other mailbox; Grace keeps hers.
    Answer edited = put("/api/v1/campaigns/" + campaign, campaignJson("[\"" + other + "\"]"));
    assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);

    Answer refused = delete("/api/v1/mailboxes/" + smtp);

    assertThat(refused.status()).as(refused.raw().body()).isEqualTo(409);
    assertThat(refused.body().get("error").asText()).contains("1 enrollment");
  }
}
