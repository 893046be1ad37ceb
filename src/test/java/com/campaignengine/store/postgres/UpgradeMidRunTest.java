package com.campaignengine.store.postgres;

import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.readmodel.CampaignStats;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.campaignengine.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database of the version before the one-row-per-enrollment layout (V021), with sequences in
 * flight, upgraded mid-run: every sequence finishes, every email goes out exactly once, and the
 * stats count what ran before the upgrade as well as after.
 */
class UpgradeMidRunTest {
  private static final Instant START = Instant.parse("2026-03-02T14:00:00Z");

  /**
   * The V020 layout: one row per step run, the id the key, five more indexes; V022 and V023 undone.
   */
  private static final List<String> BACK_TO_V020 =
      List.of(
          // V037 (the audit function's search_path).
          "ALTER FUNCTION audit_created_id(regclass) RESET search_path",
          // V036 (login failures by address).
          "DROP TABLE login_failures",
          "CREATE TABLE login_failures (user_id bigint NOT NULL REFERENCES users (id)"
              + " ON DELETE CASCADE, failed_at timestamptz NOT NULL)",
          // V035 (signed host events).
          "DROP TABLE signed_deliveries_seen",
          "ALTER TABLE ats_settings DROP COLUMN host_events_secret",
          "ALTER TABLE events DROP CONSTRAINT events_source_check, ADD CONSTRAINT"
              + " events_source_check CHECK (source IN ('api', 'greenhouse', 'lever'))",
          // V034 (enrollment_skip_reasons for a set; V031's functions are dropped below).
          "DROP FUNCTION enrollment_skip_reasons(bigint, bigint, bigint[], timestamptz)",
          // V033 (task steps).
          "DROP TABLE campaign_tasks",
          "DROP FUNCTION webhook_capture_task_created()",
          "DROP FUNCTION webhook_capture_task_closed()",
          "ALTER TABLE campaign_sequence_steps DROP COLUMN task_channel,"
              + " DROP COLUMN task_instructions, DROP COLUMN task_due_in,"
              + " DROP COLUMN task_due_unit, DROP COLUMN task_assignee,"
              + " DROP COLUMN task_on_overdue,"
              + " DROP CONSTRAINT campaign_sequence_steps_step_type_check,"
              + " DROP CONSTRAINT campaign_sequence_steps_condition_type_check",
          "ALTER TABLE campaign_sequence_steps ADD CONSTRAINT"
              + " campaign_sequence_steps_step_type_check"
              + " CHECK (step_type IN ('email', 'wait', 'condition')),"
              + " ADD CONSTRAINT campaign_sequence_steps_condition_type_check"
              + " CHECK (condition_type IN ('opened', 'clicked', 'replied', 'field'))",
          // V032 (events and ATS webhooks).
          "DROP TABLE ats_settings",
          "DROP TABLE events",
          "DROP TABLE event_rules",
          // V030 (reply inbox).
          "DROP INDEX email_replies_inbox_idx",
          "ALTER TABLE email_replies DROP COLUMN body, DROP COLUMN category,"
              + " DROP COLUMN category_set_by, DROP COLUMN category_set_at,"
              + " DROP COLUMN handled, DROP COLUMN handled_at",
          // V031 (rules across campaigns, enrollment by row insert).
          "DROP TRIGGER campaign_sequence_leads_row_first_execution ON campaign_sequence_leads",
          "DROP TRIGGER campaign_sequence_leads_row_insert ON campaign_sequence_leads",
          "DROP FUNCTION enrollment_row_after_insert()",
          "DROP FUNCTION enrollment_row_before_insert()",
          "DROP FUNCTION enrollment_skip_reason(bigint, bigint, bigint, timestamptz)",
          "DROP FUNCTION enrollment_lock_people(bigint, bigint[])",
          "DELETE FROM campaign_sequence_leads WHERE status = 'skipped'",
          "ALTER TABLE campaign_sequence_leads DROP COLUMN skip_reason,"
              + " DROP COLUMN inserted_as_row, ALTER COLUMN status DROP DEFAULT,"
              + " DROP CONSTRAINT campaign_sequence_leads_status_check",
          "ALTER TABLE campaign_sequence_leads ADD CONSTRAINT campaign_sequence_leads_status_check"
              + " CHECK (status IN ('active', 'paused', 'completed', 'replied', 'bounced',"
              + " 'unsubscribed', 'stopped', 'failed'))",
          "ALTER TABLE workspace_settings DROP COLUMN one_active_sequence_per_person,"
              + " DROP COLUMN stop_all_on_reply, DROP COLUMN recontact_cooldown_days",
          "DROP TABLE campaign_step_log",
          "DELETE FROM campaign_step_rollups",
          "ALTER TABLE campaign_step_rollups DROP CONSTRAINT campaign_step_rollups_pkey",
          "ALTER TABLE campaign_step_rollups DROP COLUMN slot",
          "ALTER TABLE campaign_step_rollups ADD PRIMARY KEY (campaign_id, step_id, status)",
          "DROP INDEX campaign_sequence_executions_campaign_idx",
          "DROP INDEX campaign_sequence_executions_ended_idx",
          "ALTER TABLE campaign_sequence_executions"
              + " DROP CONSTRAINT campaign_sequence_executions_pkey",
          "ALTER TABLE campaign_sequence_executions ADD PRIMARY KEY (id)",
          "ALTER TABLE campaign_sequence_executions ALTER COLUMN id SET GENERATED ALWAYS",
          "ALTER TABLE campaign_sequence_executions RESET (fillfactor)",
          "ALTER TABLE campaign_sequence_leads RESET (fillfactor)",
          "CREATE UNIQUE INDEX campaign_sequence_executions_live_uq ON campaign_sequence_executions"
              + " (enrollment_id) WHERE status IN ('pending', 'running', 'paused')",
          "CREATE INDEX campaign_sequence_executions_enrollment_idx"
              + " ON campaign_sequence_executions (enrollment_id)",
          "CREATE INDEX campaign_sequence_executions_campaign_idx"
              + " ON campaign_sequence_executions (campaign_id, step_id, status)",
          "CREATE INDEX campaign_sequence_executions_campaign_due_idx"
              + " ON campaign_sequence_executions (campaign_id, scheduled_at)"
              + " WHERE status = 'pending'",
          "CREATE INDEX campaign_sequence_executions_executed_idx"
              + " ON campaign_sequence_executions (workspace_id, executed_at)"
              + " WHERE executed_at IS NOT NULL",
          // V022 (people import without foreign keys), undone too: the layout is V020's.
          "ALTER TABLE people ADD CONSTRAINT people_workspace_id_fkey"
              + " FOREIGN KEY (workspace_id) REFERENCES workspaces (id)",
          "ALTER TABLE people ADD CONSTRAINT people_company_id_fkey"
              + " FOREIGN KEY (company_id) REFERENCES companies (id)",
          "ALTER TABLE companies ADD CONSTRAINT companies_workspace_id_fkey"
              + " FOREIGN KEY (workspace_id) REFERENCES workspaces (id)",
          // Every later migration is undone as well (newest first), so that Flyway finds a V020
          // database: a migration added after V023 adds its undo here.
          // V029 (connect states), V028 (the microsoft provider), V027 (audit objects), V026 (OIDC
          // states), V024 (teams).
          "DROP TABLE mailbox_connect_states",
          "ALTER TABLE mailboxes DROP CONSTRAINT mailboxes_provider_check",
          "ALTER TABLE mailboxes ADD CONSTRAINT mailboxes_provider_check"
              + " CHECK (provider IN ('outbox', 'smtp', 'gmail', 'resend'))",
          "ALTER TABLE inbound_checkpoints DROP CONSTRAINT inbound_checkpoints_source_check",
          "ALTER TABLE inbound_checkpoints ADD CONSTRAINT inbound_checkpoints_source_check"
              + " CHECK (source IN ('imap', 'gmail'))",
          "DROP INDEX audit_log_object_idx",
          "DROP FUNCTION audit_created_id(regclass)",
          "DROP TABLE oidc_login_states",
          "DROP TABLE audit_log",
          "DROP TABLE mailbox_shares",
          "ALTER TABLE mailboxes DROP COLUMN owner_user_id",
          "DELETE FROM dashboard_sessions WHERE api_key_id IS NULL",
          "ALTER TABLE dashboard_sessions DROP CONSTRAINT dashboard_sessions_owner_check,"
              + " DROP COLUMN user_id, ALTER COLUMN api_key_id SET NOT NULL",
          "DROP INDEX api_keys_workspace_idx",
          "ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check, DROP COLUMN name,"
              + " DROP COLUMN role, DROP COLUMN user_id, DROP COLUMN expires_at,"
              + " DROP COLUMN revoked_at, DROP COLUMN last_used_at",
          "DROP TABLE login_failures",
          "DROP TABLE user_invites",
          "DROP TABLE users",
          // V023 (the send-result update is HOT), undone too.
          "DROP INDEX email_sends_campaign_created_idx",
          "DROP INDEX email_sends_workspace_created_idx",
          "ALTER TABLE email_sends RESET (fillfactor)",
          "CREATE INDEX email_sends_sent_idx ON email_sends (enrollment_id, id)"
              + " WHERE status = 'sent'",
          "CREATE INDEX email_sends_campaign_idx ON email_sends (campaign_id, step_id, status)",
          "CREATE INDEX email_sends_campaign_sent_idx ON email_sends (campaign_id, sent_at)"
              + " WHERE status = 'sent'",
          "CREATE INDEX email_sends_workspace_sent_idx ON email_sends (workspace_id, sent_at)"
              + " WHERE status = 'sent'",
          "CREATE INDEX email_sends_mailbox_errors_idx ON email_sends (mailbox_id, created_at)"
              + " WHERE status IN ('failed', 'in_doubt')",
          "DELETE FROM flyway_schema_history WHERE script IN"
              + " ('V021__one_live_execution_per_enrollment.sql',"
              + " 'V022__people_import_without_foreign_keys.sql',"
              + " 'V023__email_send_result_is_a_hot_update.sql')"
              + " OR split_part(version, '.', 1)::int > 23");

  private final InMemoryTransport transport = new InMemoryTransport().keepMessages(true);
  private final MutableClock clock = new MutableClock(START);

  @TempDir Path dataDir;

  @Test
  void sequences_in_flight_when_the_database_is_upgraded_finish_exactly_once() {
    String url = TestPostgres.newDatabaseUrl();
    long campaignId;
    List<Long> enrollments;
    try (TestNode app = open(url)) {
      Scenario scenario = new Scenario(app);
      Campaign campaign =
          scenario.activeCampaign(
              anEmailStep("intro"), aWait("pause", 1, WaitUnit.DAYS), anEmailStep("follow_up"));
      campaignId = campaign.id();
      scenario.enroll(campaign, scenario.people(4));
      enrollments =
          List.of(
              id(url, "SELECT id FROM campaign_sequence_leads ORDER BY id LIMIT 1 OFFSET 0"),
              id(url, "SELECT id FROM campaign_sequence_leads ORDER BY id LIMIT 1 OFFSET 1"),
              id(url, "SELECT id FROM campaign_sequence_leads ORDER BY id LIMIT 1 OFFSET 2"),
              id(url, "SELECT id FROM campaign_sequence_leads ORDER BY id LIMIT 1 OFFSET 3"));
    }
    BACK_TO_V020.forEach(statement -> Sql.execute(url, statement));
    long wait = id(url, "SELECT id FROM campaign_sequence_steps WHERE step_key = 'pause'");
    long followUp = id(url, "SELECT id FROM campaign_sequence_steps WHERE step_key = 'follow_up'");
    long a = enrollments.get(0);
    long b = enrollments.get(1);
    long c = enrollments.get(2);
    long d = enrollments.get(3);
    // What an older node left, in the layout of its version (a row per step run):
    // a: nothing ran yet. b: its intro leased by a node that died.
    Sql.execute(
        url,
        "UPDATE campaign_sequence_executions SET status = 'running', locked_by = 'gone',"
            + " locked_until = '"
            + START.plus(Duration.ofMinutes(1))
            + "', version = version + 1"
            + " WHERE enrollment_id = "
            + b);
    // c: intro sent, its wait due. d: intro sent, wait done, follow-up due.
    for (long enrollment : List.of(c, d)) {
      Sql.execute(
          url,
          "UPDATE campaign_sequence_executions SET status = 'sent', executed_at = '"
              + START
              + "' WHERE enrollment_id = "
              + enrollment);
    }
    Sql.execute(url, oldRun(c, wait, "pending", START, null));
    Sql.execute(url, oldRun(d, wait, "completed", START, START));
    Sql.execute(url, oldRun(d, followUp, "pending", START, null));

    clock.advance(Duration.ofHours(2)); // past b's lease
    try (TestNode app = open(url)) {
      assertThat(Sql.count(url, "SELECT count(*) FROM campaign_sequence_executions"))
          .as("one row per enrollment after the upgrade")
          .isEqualTo(4);
      app.engine().reapOnce();
      app.engine().runUntilIdle();
      clock.advance(Duration.ofDays(2));
      app.engine().runUntilIdle();

      Map<com.campaignengine.mail.Address, Long> sendsPerPerson =
          transport.messages().stream()
              .collect(Collectors.groupingBy(OutgoingMessage::to, Collectors.counting()));
      assertThat(transport.duplicateCount()).isZero();
      assertThat(sendsPerPerson.values()).containsExactlyInAnyOrder(2L, 2L, 1L, 1L);
      assertThat(
              Sql.count(
                  url, "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'completed'"))
          .isEqualTo(4);
      CampaignStats stats = app.stats.campaignStats(workspace(url), campaignId);
      assertThat(byStep(stats))
          .containsEntry("intro", Map.of("sent", 4L))
          .containsEntry("pause", Map.of("completed", 4L))
          .containsEntry("follow_up", Map.of("sent", 4L));
    }
  }

  private static Map<String, Map<String, Long>> byStep(CampaignStats stats) {
    return stats.steps().stream()
        .collect(
            Collectors.toMap(
                CampaignStats.StepStats::key,
                s ->
                    s.byStatus().entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
  }

  private static String oldRun(
      long enrollment, long step, String status, Instant scheduledAt, Instant executedAt) {
    return "INSERT INTO campaign_sequence_executions (workspace_id, campaign_id, enrollment_id,"
        + " step_id, status, scheduled_at, executed_at, created_at)"
        + " SELECT workspace_id, campaign_id, id, "
        + step
        + ", '"
        + status
        + "', '"
        + scheduledAt
        + "', "
        + (executedAt == null ? "NULL" : "'" + executedAt + "'")
        + ", '"
        + START
        + "' FROM campaign_sequence_leads WHERE id = "
        + enrollment;
  }

  private static long workspace(String url) {
    return id(url, "SELECT id FROM workspaces ORDER BY id LIMIT 1");
  }

  private static long id(String url, String query) {
    return Long.parseLong(Sql.text(url, query).orElseThrow());
  }

  private TestNode open(String url) {
    return TestApplications.open(url, dataDir, clock, mailbox -> transport, "node-a");
  }
}
