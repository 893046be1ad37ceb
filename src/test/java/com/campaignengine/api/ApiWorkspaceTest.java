package com.campaignengine.api;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.testing.Scenario;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/workspace} (issue 16): every member reads it, admins rename it, owners hand it
 * over and delete it with everything in it, and no other workspace loses a row.
 */
class ApiWorkspaceTest extends ApiTestSupport.ServerPerTest {
  private static final String ANN_KEY = "ce_ann_owner_key_0123456789";
  private static final String BEN_KEY = "ce_ben_admin_key_0123456789";
  private static final String VIEWER_KEY = "ce_viewer_srv_key_0123456789";

  @Test
  void everyone_reads_it_and_only_admins_rename_it() throws Exception {
    long workspace = app.workspaces.authenticate(KEY).orElseThrow();
    TeamFixtures.addKey(app.database().dataSource(), workspace, null, "viewer", VIEWER_KEY);

    Answer read = as(VIEWER_KEY, request("/api/v1/workspace").GET());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().get("name").asText()).isEqualTo("Default workspace");
    assertThat(read.body().get("your_role").asText()).isEqualTo("viewer");

    Answer refused = as(VIEWER_KEY, patch("{\"name\": \"Mine now\"}"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.field()).isEqualTo("role");
    assertThat(refused.body().get("error").asText()).contains("admin");

    assertThat(send(patch("{\"name\": \"  \"}")).field()).isEqualTo("name");
    assertThat(send(patch("{\"name\": \"Acme\", \"color\": \"red\"}")).status()).isEqualTo(422);
    Answer renamed = send(patch("{\"name\": \" Acme Recruiting \"}"));
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(get("/api/v1/workspace").body().get("name").asText()).isEqualTo("Acme Recruiting");
  }

  @Test
  void an_owner_hands_the_workspace_over_and_becomes_an_admin() throws Exception {
    long workspace = app.workspaces.authenticate(KEY).orElseThrow();
    long ann =
        TeamFixtures.addUser(
            app.database().dataSource(), workspace, "ann@recruit.example", "owner");
    long ben =
        TeamFixtures.addUser(
            app.database().dataSource(), workspace, "ben@recruit.example", "admin");
    TeamFixtures.addKey(app.database().dataSource(), workspace, ann, "owner", ANN_KEY);
    TeamFixtures.addKey(app.database().dataSource(), workspace, ben, "owner", BEN_KEY);

    // Ben's key says owner, but his role caps it: he may not hand the workspace over.
    assertThat(as(BEN_KEY, transfer(ann)).status()).isEqualTo(403);
    assertThat(as(ANN_KEY, transfer(999_999)).status()).isEqualTo(404);
    assertThat(as(ANN_KEY, transfer(ann)).status()).isEqualTo(409);

    Answer handedOver = as(ANN_KEY, transfer(ben));
    assertThat(handedOver.status()).as(handedOver.raw().body()).isEqualTo(200);
    assertThat(roleOf(ann)).isEqualTo("admin");
    assertThat(roleOf(ben)).isEqualTo("owner");
    assertThat(as(ANN_KEY, deleteWorkspace("Default workspace")).status()).isEqualTo(403);
    assertThat(as(BEN_KEY, request("/api/v1/workspace").GET()).body().get("your_role").asText())
        .isEqualTo("owner");
  }

  @Test
  void deleting_a_workspace_removes_everything_in_it_and_nothing_of_another() throws Exception {
    // Workspace A (the test's key): a campaign that sent, people, enrollments, a webhook.
    String mailbox = createMailbox();
    String campaign = createCampaignFrom(mailbox);
    activate(campaign);
    enrollIn(
        campaign,
        createPerson("grace@example.com", "Grace"),
        createPerson("alan@example.com", "Alan"));
    post(
        "/api/v1/webhooks",
        "{\"url\": \"https://hooks.example.com/a\", \"events\": [\"email.sent\"]}");
    long a = app.workspaces.authenticate(KEY).orElseThrow();
    TeamFixtures.addUser(app.database().dataSource(), a, "ann@recruit.example", "owner");
    // Workspace B, alike.
    Scenario b = new Scenario(app);
    Campaign other = b.activeCampaign(anEmailStep("intro"));
    b.enroll(other, b.people(3));
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isGreaterThanOrEqualTo(5);

    Map<String, Long> bBefore = rowsOf(b.workspace);
    assertThat(rowsOf(a).get("email_sends")).isEqualTo(2);

    Answer unconfirmed = send(deleteWorkspace("default workspace"));
    assertThat(unconfirmed.status()).isEqualTo(422);
    assertThat(unconfirmed.field()).isEqualTo("confirm");
    assertThat(rowsOf(a).get("email_sends")).isEqualTo(2);

    assertThat(send(deleteWorkspace("Default workspace")).status()).isEqualTo(204);

    assertThat(rowsOf(a)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    assertThat(rowsOf(b.workspace)).isEqualTo(bBefore);
    for (String orphans :
        new String[] {
          "SELECT count(*) FROM campaign_sequence_steps WHERE campaign_id NOT IN"
              + " (SELECT id FROM campaign_sequences)",
          "SELECT count(*) FROM campaign_step_rollups WHERE campaign_id NOT IN"
              + " (SELECT id FROM campaign_sequences)",
          "SELECT count(*) FROM campaign_sequence_mailboxes WHERE campaign_id NOT IN"
              + " (SELECT id FROM campaign_sequences)",
          "SELECT count(*) FROM inbound_checkpoints WHERE mailbox_id NOT IN"
              + " (SELECT id FROM mailboxes)",
          "SELECT count(*) FROM workspaces WHERE id = " + a
        }) {
      assertThat(countRows(orphans)).as(orphans).isZero();
    }
    assertThat(get("/api/v1/campaigns").status()).isEqualTo(401);
  }

  /** Rows of every table that has a workspace_id, for one workspace. */
  private Map<String, Long> rowsOf(long workspace) throws Exception {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection c = app.database().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet tables =
            s.executeQuery(
                "SELECT table_name FROM information_schema.columns WHERE column_name ="
                    + " 'workspace_id' AND table_schema = current_schema() AND table_name IN"
                    + " (SELECT table_name FROM information_schema.tables WHERE table_type ="
                    + " 'BASE TABLE' AND table_schema = current_schema()) ORDER BY 1")) {
      while (tables.next()) {
        String table = tables.getString(1);
        rows.put(
            table,
            countRows("SELECT count(*) FROM " + table + " WHERE workspace_id = " + workspace));
      }
    }
    assertThat(rows).containsKeys("campaign_sequence_executions", "users", "audit_log");
    return rows;
  }

  private long countRows(String sql) throws Exception {
    try (Connection c = app.database().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private String roleOf(long user) throws Exception {
    try (Connection c = app.database().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT role FROM users WHERE id = " + user)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private HttpRequest.Builder patch(String json) {
    return request("/api/v1/workspace")
        .header("Content-Type", "application/json")
        .method("PATCH", body(json));
  }

  private HttpRequest.Builder transfer(long user) {
    return request("/api/v1/workspace/transfer-ownership")
        .header("Content-Type", "application/json")
        .POST(body("{\"user_id\": \"" + user + "\"}"));
  }

  private HttpRequest.Builder deleteWorkspace(String confirm) {
    return request("/api/v1/workspace")
        .header("Content-Type", "application/json")
        .method("DELETE", body("{\"confirm\": \"" + confirm + "\"}"));
  }
}
