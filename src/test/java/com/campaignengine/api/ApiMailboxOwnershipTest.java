package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.Sql;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A mailbox has an owner and may be shared (issue 16): a member changes only their own mailboxes
 * and sends only from their own and those shared with them; an admin and a service key use all.
 */
class ApiMailboxOwnershipTest extends ApiTestSupport.ServerPerTest {
  private static final String ADA_KEY = "ce_ada_member_key_0123456789";
  private static final String BOB_KEY = "ce_bob_member_key_0123456789";
  private static final String ADMIN_KEY = "ce_cat_admin_key_01234567890";

  private long adaId;
  private long bobId;

  @BeforeEach
  void team() throws Exception {
    long workspace = app.workspaces.authenticate(KEY).orElseThrow();
    adaId =
        TeamFixtures.addUser(
            app.database().dataSource(), workspace, "ada@recruit.example", "member");
    bobId =
        TeamFixtures.addUser(
            app.database().dataSource(), workspace, "bob@recruit.example", "member");
    long cat =
        TeamFixtures.addUser(
            app.database().dataSource(), workspace, "cat@recruit.example", "admin");
    TeamFixtures.addKey(app.database().dataSource(), workspace, adaId, "member", ADA_KEY);
    TeamFixtures.addKey(app.database().dataSource(), workspace, bobId, "member", BOB_KEY);
    TeamFixtures.addKey(app.database().dataSource(), workspace, cat, "admin", ADMIN_KEY);
  }

  @Test
  void a_members_mailbox_is_theirs_and_another_member_may_neither_change_nor_send_from_it() {
    String adaBox = mailboxOf(ADA_KEY, "ada@recruit.example");
    com.fasterxml.jackson.databind.JsonNode shares =
        as(ADA_KEY, request("/api/v1/mailboxes/" + adaBox + "/shares").GET()).body();
    assertThat(shares.get("owner_user_id").asText()).isEqualTo(String.valueOf(adaId));
    assertThat(shares.get("shared_with").size()).isZero();

    Answer bobPatch = as(BOB_KEY, patch(adaBox, "{\"display_name\": \"Bob was here\"}"));
    assertThat(bobPatch.status()).isEqualTo(403);
    assertThat(bobPatch.field()).isEqualTo("mailbox_id");
    assertThat(as(BOB_KEY, request("/api/v1/mailboxes/" + adaBox).DELETE()).status())
        .isEqualTo(403);
    assertThat(get("/api/v1/mailboxes/" + adaBox).body().get("display_name").asText())
        .isNotEqualTo("Bob was here");

    Answer bobCampaign =
        as(BOB_KEY, postJson("/api/v1/campaigns", campaignJson("[" + adaBox + "]")));
    assertThat(bobCampaign.status()).as(bobCampaign.raw().body()).isEqualTo(403);
    assertThat(bobCampaign.field()).isEqualTo("mailbox_ids");
    assertThat(Sql.count(app.database().dataSource(), "SELECT count(*) FROM campaign_sequences"))
        .isZero();

    // Ada may, and so may an admin; a member changes their own mailbox.
    assertThat(as(ADA_KEY, patch(adaBox, "{\"display_name\": \"Ada L.\"}")).status())
        .isEqualTo(200);
    assertThat(
            as(ADA_KEY, postJson("/api/v1/campaigns", campaignJson("[" + adaBox + "]"))).status())
        .isEqualTo(201);
    assertThat(as(ADMIN_KEY, patch(adaBox, "{\"display_name\": \"Ada Lovelace\"}")).status())
        .isEqualTo(200);
  }

  @Test
  void a_shared_mailbox_lets_a_member_send_from_it_but_not_change_it() {
    String adaBox = mailboxOf(ADA_KEY, "ada@recruit.example");
    String campaign =
        createdId(as(ADA_KEY, postJson("/api/v1/campaigns", campaignJson("[" + adaBox + "]"))));
    assertThat(as(ADA_KEY, postJson("/api/v1/campaigns/" + campaign + "/activate", "{}")).status())
        .isEqualTo(200);
    String person = createPerson("grace@example.com", "Grace");
    String enroll = "{\"person_ids\": [\"" + person + "\"]}";
    assertThat(
            as(BOB_KEY, postJson("/api/v1/campaigns/" + campaign + "/enrollments", enroll))
                .status())
        .isEqualTo(403);
    assertThat(
            Sql.count(app.database().dataSource(), "SELECT count(*) FROM campaign_sequence_leads"))
        .isZero();

    // Bob may not share Ada's mailbox with himself; Ada may.
    String shareBob = "{\"user_ids\": [\"" + bobId + "\"]}";
    assertThat(as(BOB_KEY, putJson("/api/v1/mailboxes/" + adaBox + "/shares", shareBob)).status())
        .isEqualTo(403);
    Answer shared = as(ADA_KEY, putJson("/api/v1/mailboxes/" + adaBox + "/shares", shareBob));
    assertThat(shared.status()).as(shared.raw().body()).isEqualTo(200);
    assertThat(shared.body().get("shared_with").get(0).asText()).isEqualTo(String.valueOf(bobId));

    Answer enrolled =
        as(BOB_KEY, postJson("/api/v1/campaigns/" + campaign + "/enrollments", enroll));
    assertThat(enrolled.status()).as(enrolled.raw().body()).isEqualTo(202);
    assertThat(as(BOB_KEY, patch(adaBox, "{\"display_name\": \"Bob\"}")).status()).isEqualTo(403);
  }

  @Test
  void sharing_names_only_users_of_the_workspace_and_needs_the_list() {
    String adaBox = mailboxOf(ADA_KEY, "ada@recruit.example");
    Answer stranger =
        as(
            ADA_KEY,
            putJson("/api/v1/mailboxes/" + adaBox + "/shares", "{\"user_ids\": [\"999999\"]}"));
    assertThat(stranger.status()).isEqualTo(404);
    Answer missing = as(ADA_KEY, putJson("/api/v1/mailboxes/" + adaBox + "/shares", "{}"));
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.field()).isEqualTo("user_ids");
    assertThat(Sql.count(app.database().dataSource(), "SELECT count(*) FROM mailbox_shares"))
        .isZero();
  }

  @Test
  void mailboxes_made_before_users_are_the_workspaces_and_members_use_them_only_once_shared() {
    String workspaceBox = mailboxOf(KEY, "team@recruit.example");
    assertThat(
            get("/api/v1/mailboxes/" + workspaceBox + "/shares")
                .body()
                .get("owner_user_id")
                .isNull())
        .isTrue();
    assertThat(as(ADA_KEY, patch(workspaceBox, "{\"display_name\": \"x\"}")).status())
        .isEqualTo(403);
    assertThat(
            as(ADA_KEY, postJson("/api/v1/campaigns", campaignJson("[" + workspaceBox + "]")))
                .status())
        .isEqualTo(403);
    assertThat(
            as(
                    ADMIN_KEY,
                    putJson(
                        "/api/v1/mailboxes/" + workspaceBox + "/shares",
                        "{\"user_ids\": [\"" + adaId + "\"]}"))
                .status())
        .isEqualTo(200);
    assertThat(
            as(ADA_KEY, postJson("/api/v1/campaigns", campaignJson("[" + workspaceBox + "]")))
                .status())
        .isEqualTo(201);
  }

  private static String createdId(Answer answer) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
    return answer.body().get("id").asText();
  }

  private HttpRequest.Builder patch(String mailbox, String json) {
    return request("/api/v1/mailboxes/" + mailbox)
        .header("Content-Type", "application/json")
        .method("PATCH", body(json));
  }

  private HttpRequest.Builder putJson(String path, String json) {
    return request(path).header("Content-Type", "application/json").PUT(body(json));
  }
}
