package com.campaignengine.store.postgres;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Person;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.node.StorageSettings;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.campaignengine.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine lives in its own schema, {@code campaign_engine}: it shares a database with another
 * application's {@code people} and {@code companies} in {@code public} without touching them, and
 * an installation of an earlier version, whose tables are in {@code public}, moves into it on start
 * with its data.
 */
class OwnSchemaTest {
  private static final Instant START = Instant.parse("2026-03-02T14:00:00Z");
  private final InMemoryTransport transport = new InMemoryTransport();
  private final MutableClock clock = new MutableClock(START);

  @TempDir Path dataDir;

  @Test
  void the_engine_shares_a_database_with_another_applications_people_and_companies()
      throws Exception {
    String url = TestPostgres.newDatabaseUrl();
    String otherApp = withoutSchema(url);
    sql(
        otherApp,
        "CREATE TABLE people (id serial PRIMARY KEY, full_name text NOT NULL, linkedin_url text)",
        "CREATE TABLE companies (id serial PRIMARY KEY, legal_name text NOT NULL, employees int)",
        "INSERT INTO people (full_name, linkedin_url)"
            + " VALUES ('Ada Lovelace', 'https://linkedin.example/ada'), ('Grace Hopper', NULL)",
        "INSERT INTO companies (legal_name, employees) VALUES ('Analytical Engines Ltd', 12)",
        // The other application migrates with Flyway too, and names its first script alike.
        "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version text,"
            + " description text, type text, script text, checksum int, installed_by text,"
            + " installed_on timestamp DEFAULT now(), execution_time int, success boolean)",
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " checksum, installed_by, execution_time, success)"
            + " VALUES (1, '1', 'core schema', 'SQL', 'V001__core_schema.sql', 42, 'recruiting',"
            + " 5, true)");
    List<String> before = publicSchema(otherApp);

    try (TestNode app = open(url)) {
      Scenario scenario = new Scenario(app);
      Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
      scenario.enroll(campaign, scenario.people(2));
      app.engine().runUntilIdle();

      assertThat(transport.sentCount()).isEqualTo(2);
    }

    assertThat(publicSchema(otherApp)).isEqualTo(before);
    assertThat(count(otherApp, "SELECT count(*) FROM campaign_engine.email_sends")).isEqualTo(2);
    assertThat(count(otherApp, "SELECT count(*) FROM campaign_engine.people")).isEqualTo(2);
    // Every function of the engine (the webhook triggers, the enrollment rules, the task
    // webhooks) finds the engine's tables from a session that searches public.
    assertThat(
            count(
                otherApp,
                "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname = 'campaign_engine'"
                    + " AND NOT coalesce('search_path=campaign_engine' = ANY (p.proconfig), false)"))
        .isZero();
    assertThat(
            count(
                otherApp,
                "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname = 'campaign_engine' AND p.proname LIKE 'webhook_%'"))
        .isEqualTo(LegacyLayout.FUNCTIONS.size() + 2); // V033: task.created, task.closed
    sql(otherApp, "UPDATE campaign_engine.email_sends SET status = status");
  }

  @Test
  void an_installation_with_its_tables_in_public_moves_them_into_the_schema_once()
      throws Exception {
    String url = TestPostgres.newDatabaseUrl();
    String publicUrl = withoutSchema(url);
    // The layout of the version before: every migration of that version applied in public.
    Flyway.configure()
        .dataSource(publicUrl, null, null)
        .schemas("public")
        .defaultSchema("public")
        .locations("classpath:db/migration")
        .target("14")
        .load()
        .migrate();
    sql(
        publicUrl,
        "INSERT INTO workspaces (name, created_at) VALUES ('earlier', now())",
        "INSERT INTO people (workspace_id, email_address, first_name, created_at, updated_at)"
            + " SELECT id, 'grace@navy.example', 'Grace', now(), now() FROM workspaces");
    long workspace = count(publicUrl, "SELECT id FROM workspaces");

    try (TestNode app = open(url)) {
      assertThat(app.workspaces.createFirstWorkspace(null)).as("not a fresh database").isEmpty();
      assertThat(app.people.list(workspace, null, 0, 10).items())
          .extracting(Person::emailAddress)
          .containsExactly("grace@navy.example");
      // The identity sequences moved with their tables and go on counting.
      app.people.saveAll(
          workspace,
          List.of(new PersonDraft("ada@recruit.example", "Ada", null, null, null, null, Map.of())));
      Scenario scenario = new Scenario(app);
      scenario.enroll(scenario.activeCampaign(anEmailStep("intro")), scenario.people(1));
      app.engine().runUntilIdle();
      assertThat(transport.sentCount()).isEqualTo(1);
    }

    assertThat(tables(publicUrl, "public")).isEmpty();
    assertThat(tables(publicUrl, "campaign_engine"))
        .containsAll(LegacyLayout.TABLES)
        .contains("flyway_schema_history");
    assertThat(
            count(
                publicUrl,
                "SELECT count(*) FROM campaign_engine.flyway_schema_history"
                    + " WHERE script = 'V016_1__function_search_path.sql' AND success"))
        .isEqualTo(1);
    // A second start finds the new layout and moves nothing.
    try (TestNode again = open(url)) {
      assertThat(again.people.list(workspace, null, 0, 10).items()).hasSize(2);
    }
  }

  @Test
  void the_schema_may_be_named_and_a_name_that_is_not_plain_is_refused() throws Exception {
    String url = TestPostgres.newDatabaseUrl();
    try (TestNode app =
        TestNode.open(
            NodeOptions.withEnvironment(
                new StorageSettings(dataDir, url, false, "crm_outreach"),
                EngineConfig.builder().build(),
                false),
            new Collaborators(clock, mailbox -> transport, EngineListener.NONE, null))) {
      Scenario scenario = new Scenario(app);
      scenario.enroll(scenario.activeCampaign(anEmailStep("intro")), scenario.people(1));
      app.engine().runUntilIdle();
      assertThat(transport.sentCount()).isEqualTo(1);
    }
    assertThat(count(withoutSchema(url), "SELECT count(*) FROM crm_outreach.email_sends"))
        .isEqualTo(1);
    assertThat(tables(withoutSchema(url), "campaign_engine")).isEmpty();

    for (String bad :
        List.of(
            "", "Campaigns", "1st", "pg_catalog", "a-b", "x; DROP SCHEMA public", "a".repeat(64))) {
      assertThatThrownBy(() -> new StorageSettings(dataDir, url, false, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("schema");
    }
  }

  private TestNode open(String url) {
    return TestApplications.open(url, dataDir, clock, mailbox -> transport, "node-a");
  }

  /** The URL as another application uses it: the default search path ("$user", public). */
  private static String withoutSchema(String url) {
    return url.replaceAll("&currentSchema=[a-z_]+", "");
  }

  private static void sql(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static long count(String url, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static List<String> tables(String url, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = '"
                    + schema
                    + "' ORDER BY tablename")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  /** Every table of public with its columns and every row, as text. */
  private static List<String> publicSchema(String url) throws SQLException {
    List<String> described = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      try (ResultSet columns =
          s.executeQuery(
              "SELECT table_name || '.' || column_name || ' ' || data_type"
                  + " FROM information_schema.columns WHERE table_schema = 'public'"
                  + " ORDER BY table_name, ordinal_position")) {
        while (columns.next()) {
          described.add(columns.getString(1));
        }
      }
      for (String table : tables(url, "public")) {
        try (ResultSet rows =
            s.executeQuery("SELECT row_to_json(t)::text FROM public." + table + " t ORDER BY 1")) {
          while (rows.next()) {
            described.add(table + ": " + rows.getString(1));
          }
        }
      }
    }
    return described;
  }
}
