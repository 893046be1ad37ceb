package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.app.EmailAddresses;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestPostgres;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Enrollment by row insert (issue 18, item 4): a host application's {@code INSERT INTO
 * campaign_sequence_leads} creates the first execution and wakes the engine, following the API's
 * rules; a row that breaks one is marked skipped with its reason and never runs.
 */
class RowEnrollmentTest extends ApiTestSupport {
  /** Monday 2027-01-04 09:00 in New York: after the database's now(), inside the window. */
  private static final Instant MONDAY = Instant.parse("2027-01-04T14:00:00Z");

  private final InMemoryTransport transport = new InMemoryTransport().keepMessages(true);
  private String databaseUrl;
  private String schema;
  private long workspace;
  private String mailbox;
  private String campaign;

  @BeforeEach
  void start(@TempDir Path dir) {
    assertThat(Instant.now()).isBefore(MONDAY);
    dataDir = dir;
    clock = new MutableClock(MONDAY);
    databaseUrl = TestPostgres.newDatabaseUrl();
    // Polling once an hour: only the trigger's NOTIFY can get the engine to a new row in time.
    app =
        TestApplications.open(
            databaseUrl,
            dir,
            clock,
            mailbox -> transport,
            "row-node",
            engine -> engine.pollInterval(Duration.ofHours(1)));
    assertThat(app.workspaces.createFirstWorkspace(KEY)).contains(KEY);
    server = new ApiServer(app.api(), 0, clock);
    server.start();
    client = HttpClient.newHttpClient();
    schema = app.database().schema();
    mailbox = createMailbox();
    campaign = createCampaignFrom(mailbox);
    activate(campaign);
    workspace = number("SELECT workspace_id FROM campaign_sequences WHERE id = " + campaign);
  }

  @AfterEach
  void stop() {
    stopServer();
  }

  private Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(databaseUrl);
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path = " + schema);
    }
    return c;
  }

  private void execute(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long number(String sql) {
    return Sql.count(app.database().dataSource(), sql);
  }

  private String text(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a host application writes: the schema-qualified table, a campaign and a person. */
  private String insertRow(String campaignId, String personId) {
    return "INSERT INTO "
        + schema
        + ".campaign_sequence_leads (workspace_id, campaign_id, person_id) VALUES ("
        + workspace
        + ", "
        + campaignId
        + ", "
        + personId
        + ")";
  }

  @Test
  void a_row_inserted_by_sql_sends_the_first_email_and_wakes_the_engine() throws Exception {
    String ada = createPerson("ada@analytical.example", "Ada");
    app.engine().start();
    // The engine's listener connection is up (it LISTENs on a thread of its own).
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                number(
                        "SELECT count(*) FROM pg_stat_activity"
                            + " WHERE query = 'LISTEN campaign_engine_due'")
                    == 1);
    try (Connection listener = connect()) {
      try (Statement s = listener.createStatement()) {
        s.execute("LISTEN campaign_engine_due");
      }
      long before = System.nanoTime();
      execute(insertRow(campaign, ada));

      PGNotification[] woken = listener.unwrap(PGConnection.class).getNotifications(5_000);
      assertThat(woken).isNotEmpty();
      assertThat(woken[0].getName()).isEqualTo("campaign_engine_due");
      await().atMost(Duration.ofSeconds(5)).until(() -> transport.sentCount() == 1);
      assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    }
    assertThat(transport.messages().get(0).to().email()).isEqualTo("ada@analytical.example");
    assertThat(transport.messages().get(0).subject()).isEqualTo("Quick question, Ada");
    // Filled in as the API would: the campaign's mailbox, the first step, active.
    assertThat(text("SELECT mailbox_id FROM campaign_sequence_leads WHERE person_id = " + ada))
        .isEqualTo(mailbox);
    assertThat(text("SELECT status FROM campaign_sequence_leads WHERE person_id = " + ada))
        .isEqualTo("active");
    assertThat(text("SELECT skip_reason FROM campaign_sequence_leads WHERE person_id = " + ada))
        .isNull();
  }

  @Test
  void a_row_into_a_paused_campaign_waits_with_its_campaign() {
    String ada = createPerson("ada@analytical.example", "Ada");
    post("/api/v1/campaigns/" + campaign + "/pause", "");

    execute(insertRow(campaign, ada));
    app.engine().runUntilIdle();

    assertThat(transport.sentCount()).isZero();
    assertThat(
            text(
                "SELECT e.status FROM campaign_sequence_executions e JOIN campaign_sequence_leads l"
                    + " ON l.id = e.enrollment_id WHERE l.person_id = "
                    + ada))
        .isEqualTo("paused");
    post("/api/v1/campaigns/" + campaign + "/resume", "");
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(1);
  }

  /** Each case: the person, and the campaign the row names. */
  private Map<String, String[]> ruleBreakers() {
    Map<String, String[]> cases = new LinkedHashMap<>();
    String draft = createCampaignFrom(mailbox);
    String archived = createCampaignFrom(mailbox);
    activate(archived);
    post("/api/v1/campaigns/" + archived + "/archive", "");
    String other = createCampaignFrom(mailbox);
    activate(other);

    String suppressed = createPerson("gone@away.example", "Gone");
    execute(
        "INSERT INTO suppressions (workspace_id, email, reason, created_at) VALUES ("
            + workspace
            + ", 'gone@away.example', 'unsubscribed', now())");
    String busy = createPerson("busy@elsewhere.example", "Busy");
    enrollIn(other, busy);
    String resting = createPerson("resting@elsewhere.example", "Resting");
    execute(
        "UPDATE workspace_settings SET one_active_sequence_per_person = true,"
            + " recontact_cooldown_days = 30 WHERE workspace_id = "
            + workspace);
    execute(
        "INSERT INTO campaign_sequence_leads (workspace_id, campaign_id, person_id, mailbox_id,"
            + " status, current_step_id, enrolled_at, updated_at, finished_at)"
            + " SELECT "
            + workspace
            + ", "
            + other
            + ", "
            + resting
            + ", "
            + mailbox
            + ", 'completed', min(id), now(), now(), now() FROM campaign_sequence_steps"
            + " WHERE campaign_id = "
            + other);
    execute(
        "INSERT INTO workspaces (name, created_at) VALUES ('Elsewhere', now());"
            + " INSERT INTO people (workspace_id, email_address, created_at, updated_at)"
            + " SELECT max(id), 'stranger@elsewhere.example', now(), now() FROM workspaces");
    String stranger =
        text("SELECT id FROM people WHERE email_address = 'stranger@elsewhere.example'");

    cases.put("campaign_draft", new String[] {createPerson("a@draft.example", "A"), draft});
    cases.put(
        "campaign_archived", new String[] {createPerson("b@archived.example", "B"), archived});
    cases.put("suppressed_unsubscribed", new String[] {suppressed, campaign});
    cases.put("active_in_other_campaign", new String[] {busy, campaign});
    cases.put("recontact_cooldown", new String[] {resting, campaign});
    cases.put("unknown_person", new String[] {stranger, campaign});
    String malformed = createPerson("malformed@example.example", "Mal");
    execute("UPDATE people SET email_address = 'malformed@localhost' WHERE id = " + malformed);
    cases.put("invalid_email", new String[] {malformed, campaign});
    return cases;
  }

  @Test
  void a_row_that_breaks_a_rule_is_marked_with_its_reason_and_never_runs() {
    execute(
        "INSERT INTO workspace_settings (workspace_id, updated_at) VALUES ("
            + workspace
            + ", now())");
    Map<String, String[]> cases = ruleBreakers();
    long executionsBefore = number("SELECT count(*) FROM campaign_sequence_executions");

    cases.values().forEach(c -> execute(insertRow(c[1], c[0])));
    app.engine().runUntilIdle();

    cases.forEach(
        (reason, c) -> {
          String row =
              "FROM campaign_sequence_leads WHERE campaign_id = "
                  + c[1]
                  + " AND person_id = "
                  + c[0];
          assertThat(text("SELECT status " + row)).as(reason).isEqualTo("skipped");
          assertThat(text("SELECT skip_reason " + row)).as(reason).isEqualTo(reason);
        });
    assertThat(number("SELECT count(*) FROM campaign_sequence_executions"))
        .isEqualTo(executionsBefore);
    // Only the busy person's own campaign sent (enrolled through the API before).
    assertThat(transport.messages()).allMatch(m -> m.to().email().startsWith("busy@"));
    // The API lists a skipped row with its reason.
    Answer listed = get("/api/v1/campaigns/" + campaign + "/enrollments?status=skipped");
    assertThat(listed.status()).as(listed.raw().body()).isEqualTo(200);
    assertThat(items(listed))
        .extracting(e -> e.get("stop_reason").asText())
        .contains("recontact_cooldown");
  }

  @Test
  void the_api_enrolls_someone_whose_row_was_skipped_once_the_rule_no_longer_holds() {
    String draft = createCampaignFrom(mailbox);
    String ada = createPerson("ada@analytical.example", "Ada");
    execute(insertRow(draft, ada));
    String row = "FROM campaign_sequence_leads WHERE campaign_id = " + draft;
    assertThat(text("SELECT skip_reason " + row)).isEqualTo("campaign_draft");

    activate(draft);
    Answer again =
        post("/api/v1/campaigns/" + draft + "/enrollments", "{\"person_ids\": [\"" + ada + "\"]}");
    app.engine().runUntilIdle();

    assertThat(again.body().get("enrolled").asInt()).as(again.raw().body()).isEqualTo(1);
    assertThat(text("SELECT status " + row)).isEqualTo("active");
    assertThat(text("SELECT skip_reason " + row)).isNull();
    assertThat(transport.sentCount()).isEqualTo(1);
    // Someone enrolled for real is still enrolled once.
    Answer twice =
        post("/api/v1/campaigns/" + draft + "/enrollments", "{\"person_ids\": [\"" + ada + "\"]}");
    assertThat(twice.body().at("/skipped/0/reason").asText()).isEqualTo("already_enrolled");
  }

  @Test
  void the_api_and_a_row_insert_give_the_same_reasons() {
    execute(
        "INSERT INTO workspace_settings (workspace_id, updated_at) VALUES ("
            + workspace
            + ", now())");
    Map<String, String[]> cases = ruleBreakers();
    cases.remove("campaign_draft"); // the API refuses a draft campaign whole: 409
    cases.remove("campaign_archived"); // likewise
    // The API compares with its own clock: the database's now() is what the row insert uses.
    clock.set(Instant.now());

    cases.forEach(
        (reason, c) -> {
          Answer api =
              post(
                  "/api/v1/campaigns/" + c[1] + "/enrollments",
                  "{\"person_ids\": [\"" + c[0] + "\"]}");
          assertThat(api.status()).as(reason).isEqualTo(202);
          assertThat(api.body().get("enrolled").asInt()).as(reason).isZero();
          assertThat(api.body().at("/skipped/0/reason").asText()).as(reason).isEqualTo(reason);
          execute(insertRow(c[1], c[0]));
          assertThat(
                  text(
                      "SELECT skip_reason FROM campaign_sequence_leads WHERE campaign_id = "
                          + c[1]
                          + " AND person_id = "
                          + c[0]))
              .as(reason)
              .isEqualTo(reason);
        });
  }

  @Test
  void one_api_request_of_many_people_gets_each_ones_reason_in_the_order_asked() {
    execute(
        "INSERT INTO workspace_settings (workspace_id, updated_at) VALUES ("
            + workspace
            + ", now())");
    Map<String, String[]> cases = ruleBreakers();
    clock.set(Instant.now());
    String busy = cases.get("active_in_other_campaign")[0];
    String resting = cases.get("recontact_cooldown")[0];
    String ada = createPerson("ada@analytical.example", "Ada");
    String bob = createPerson("bob@analytical.example", "Bob");

    Answer answer =
        post(
            "/api/v1/campaigns/" + campaign + "/enrollments",
            "{\"person_ids\": [\"%s\", \"%s\", \"%s\", \"%s\"]}"
                .formatted(resting, ada, busy, bob));

    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
    assertThat(answer.body().get("enrolled").asInt()).isEqualTo(2);
    assertThat(answer.body().get("skipped"))
        .extracting(s -> s.get("person_id").asText() + " " + s.get("reason").asText())
        .containsExactly(resting + " recontact_cooldown", busy + " active_in_other_campaign");
    assertThat(
            number(
                "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'active'"
                    + " AND campaign_id = "
                    + campaign))
        .isEqualTo(2);
  }

  @Test
  void a_row_is_checked_with_the_apis_address_pattern_a_domain_label_up_to_63_characters() {
    String fits = "fits@" + "a".repeat(63) + ".example";
    String tooLong = "long@" + "a".repeat(64) + ".example";
    assertThat(EmailAddresses.isValid(fits)).isTrue();
    assertThat(EmailAddresses.isValid(tooLong)).isFalse();
    String fitting = createPerson(fits, "Fits");
    String longer = createPerson("long@example.example", "Long");
    execute("UPDATE people SET email_address = '" + tooLong + "' WHERE id = " + longer);

    execute(insertRow(campaign, fitting));
    execute(insertRow(campaign, longer));

    String row = "FROM campaign_sequence_leads WHERE person_id = ";
    assertThat(text("SELECT status " + row + fitting)).isEqualTo("active");
    assertThat(text("SELECT status " + row + longer)).isEqualTo("skipped");
    assertThat(text("SELECT skip_reason " + row + longer)).isEqualTo("invalid_email");
  }

  @Test
  void an_api_enrollment_waits_for_a_row_insert_of_the_same_person_and_sees_it() throws Exception {
    execute(
        "INSERT INTO workspace_settings (workspace_id, one_active_sequence_per_person, updated_at)"
            + " VALUES ("
            + workspace
            + ", true, now())");
    String second = createCampaignFrom(mailbox);
    activate(second);
    String ada = createPerson("ada@analytical.example", "Ada");
    try (Connection host = connect()) {
      host.setAutoCommit(false);
      try (Statement s = host.createStatement()) {
        s.execute(insertRow(campaign, ada));
      }
      // The API enrolls Ada into the other campaign while the host's insert is not committed.
      CompletableFuture<Answer> api =
          CompletableFuture.supplyAsync(
              () ->
                  post(
                      "/api/v1/campaigns/" + second + "/enrollments",
                      "{\"person_ids\": [\"" + ada + "\"]}"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  number(
                          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND query LIKE '%enrollment_lock_people%'")
                      == 1);
      assertThat(api).isNotDone();
      host.commit();

      Answer answer = api.get(10, TimeUnit.SECONDS);
      assertThat(answer.body().get("enrolled").asInt()).isZero();
      assertThat(answer.body().at("/skipped/0/reason").asText())
          .isEqualTo("active_in_other_campaign");
    }
    assertThat(
            number(
                "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'active'"
                    + " AND person_id = "
                    + ada))
        .isEqualTo(1);
  }

  @Test
  void two_row_inserts_of_one_person_into_two_campaigns_do_not_both_pass() throws Exception {
    execute(
        "INSERT INTO workspace_settings (workspace_id, one_active_sequence_per_person, updated_at)"
            + " VALUES ("
            + workspace
            + ", true, now())");
    String second = createCampaignFrom(mailbox);
    activate(second);
    String ada = createPerson("ada@analytical.example", "Ada");
    try (Connection one = connect()) {
      one.setAutoCommit(false);
      try (Statement s = one.createStatement()) {
        s.execute(insertRow(campaign, ada));
      }
      CompletableFuture<Void> two =
          CompletableFuture.runAsync(() -> execute(insertRow(second, ada)));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  number(
                          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND query LIKE 'INSERT INTO %campaign_sequence_leads%'")
                      == 1);
      assertThat(two).isNotDone();
      one.commit();
      two.get(10, TimeUnit.SECONDS);
    }
    assertThat(
            text(
                "SELECT skip_reason FROM campaign_sequence_leads WHERE campaign_id = "
                    + second
                    + " AND person_id = "
                    + ada))
        .isEqualTo("active_in_other_campaign");
    assertThat(
            text(
                "SELECT status FROM campaign_sequence_leads WHERE campaign_id = "
                    + campaign
                    + " AND person_id = "
                    + ada))
        .isEqualTo("active");
  }
}
