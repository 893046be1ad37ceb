package com.campaignengine.engine;

import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The database guarantee behind "never the same step twice": one send per (enrollment, step,
 * resend). A loop that a campaign of an older version could still hold sends its step once, and a
 * database that holds the duplicates of that bug migrates.
 */
class OneSendPerStepTest extends AppTestSupport {
  OneSendPerStepTest() {
    super(Instant.parse("2026-03-02T14:00:00Z"));
  }

  @Test
  void a_loop_stored_before_loops_were_refused_sends_its_email_once_and_dead_letters_the_rest() {
    Campaign draft =
        scenario.draftCampaign(
            scenario
                .campaign()
                .withSteps(anEmailStep("a"), aWait("w", 1, WaitUnit.MINUTES).thenEnd()));
    // What the validator refuses now but an older server accepted: w leads back to a.
    update(
        "UPDATE campaign_sequence_steps SET next_step_id = (SELECT id FROM campaign_sequence_steps"
            + " WHERE campaign_id = "
            + draft.id()
            + " AND step_key = 'a') WHERE campaign_id = "
            + draft.id()
            + " AND step_key = 'w'");
    Campaign campaign = app.campaigns.activate(scenario.workspace, draft.id());
    scenario.enroll(campaign, scenario.people(1));

    for (int minute = 0; minute < 5; minute++) {
      app.engine().runUntilIdle();
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(transport.sentCount()).isEqualTo(1);
    assertThat(Sql.count(url, "SELECT count(*) FROM email_sends")).isEqualTo(1);
    var dead = app.deadLetters.list(scenario.workspace, campaign.id(), 0, 10).items();
    assertThat(dead)
        .singleElement()
        .satisfies(d -> assertThat(d.errorClass()).isEqualTo("duplicate_step"));
  }

  @Test
  void the_database_refuses_a_second_send_of_a_step_to_an_enrollment() {
    update(
        "INSERT INTO email_sends (workspace_id, campaign_id, enrollment_id, execution_id, step_id,"
            + " mailbox_id, message_id, to_address, subject, status, created_at)"
            + " VALUES (1, 1, 7, 100, 3, 1, '<a@x>', 'p@x.example', 's', 'sent', now())");
    assertThatThrownBy(
            () ->
                update(
                    "INSERT INTO email_sends (workspace_id, campaign_id, enrollment_id,"
                        + " execution_id, step_id, mailbox_id, message_id, to_address, subject,"
                        + " status, created_at) VALUES (1, 1, 7, 101, 3, 1, '<b@x>', 'p@x.example',"
                        + " 's', 'sent', now())"))
        .hasMessageContaining("email_sends_once_per_step_uq");
    // A resend (issue 13: a soft-bounced step again) is a row of its own.
    update(
        "INSERT INTO email_sends (workspace_id, campaign_id, enrollment_id, execution_id, step_id,"
            + " mailbox_id, message_id, to_address, subject, status, created_at, resend)"
            + " VALUES (1, 1, 7, 102, 3, 1, '<c@x>', 'p@x.example', 's', 'sent', now(), 1)");
  }

  @Test
  void a_database_holding_duplicate_sends_of_a_step_migrates_with_the_duplicates_numbered()
      throws SQLException {
    String database = TestPostgres.newDatabaseUrl();
    Flyway.configure()
        .dataSource(database, null, null)
        .locations("classpath:db/migration")
        .target("14")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(database);
        Statement s = c.createStatement()) {
      for (int execution = 1; execution <= 4; execution++) {
        // Three sends of step 3 to enrollment 7 (the loop bug), one of step 4.
        s.execute(
            "INSERT INTO email_sends (workspace_id, campaign_id, enrollment_id, execution_id,"
                + " step_id, mailbox_id, message_id, to_address, subject, status, created_at)"
                + " VALUES (1, 1, 7, "
                + execution
                + ", "
                + (execution == 4 ? 4 : 3)
                + ", 1, '<m"
                + execution
                + "@x>', 'p@x.example', 's', 'sent', now())");
      }
    }
    Flyway.configure()
        .dataSource(database, null, null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(database);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT execution_id, step_id, resend FROM email_sends ORDER BY execution_id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getInt(3));
      }
    }
    // The first send keeps 0; the loop's repeats are numbered below it, out of the resends' way.
    assertThat(rows).containsExactly("1:3:0", "2:3:-1", "3:3:-2", "4:4:0");
  }

  private void update(String sql) {
    app.database()
        .inTransaction(
            c -> {
              try (Statement s = c.createStatement()) {
                return s.executeUpdate(sql);
              }
            });
  }
}
