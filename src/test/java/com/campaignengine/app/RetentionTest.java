package com.campaignengine.app;

import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.readmodel.CampaignStats;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention deletes old finished executions in batches; the stats keep their counts. */
class RetentionTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T14:00:00Z"));
  private final InMemoryTransport transport = new InMemoryTransport();
  private TestNode app;

  @AfterEach
  void close() {
    if (app != null) {
      app.close();
    }
  }

  private long count(String sql) {
    return Sql.count(app.database().dataSource(), sql);
  }

  @Test
  void old_finished_executions_go_and_the_stats_stay(@TempDir Path dir) {
    app = TestApplications.open(dir, clock, mailbox -> transport);
    Scenario scenario = new Scenario(app);
    Campaign campaign =
        scenario.activeCampaign(
            anEmailStep("intro"), aWait("pause", 60, WaitUnit.MINUTES), anEmailStep("bump"));
    transport.failNext(new SendResult.PermanentFailure("550 no such user"));
    int people = Retention.BATCH + 20; // more than one batch of executions
    scenario.enroll(campaign, scenario.people(people));
    app.engine().runUntilIdle();
    clock.advance(Duration.ofHours(2));
    app.engine().runUntilIdle();
    CampaignStats before = app.stats.campaignStats(scenario.workspace, campaign.id());
    assertThat(
            count(
                "SELECT (SELECT count(*) FROM campaign_sequence_executions)"
                    + " + (SELECT sum(executions) FROM campaign_step_rollups)"))
        .as("step runs: the dead letter's sequence ended there")
        .isEqualTo(3L * people - 2);
    long executions = count("SELECT count(*) FROM campaign_sequence_executions");
    assertThat(executions).as("one row per enrollment").isEqualTo(people);

    assertThat(app.retention.prune(Duration.ofDays(90)).executions())
        .as("nothing is old enough yet")
        .isZero();
    clock.advance(Duration.ofDays(91));
    Retention.Pruned pruned = app.retention.prune(Duration.ofDays(90));

    assertThat(pruned.executions()).isEqualTo(executions - 1);
    assertThat(count("SELECT count(*) FROM campaign_sequence_executions")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM campaign_sequence_executions WHERE status = 'dead'"))
        .as("dead letters stay until retried")
        .isEqualTo(1);
    CampaignStats after = app.stats.campaignStats(scenario.workspace, campaign.id());
    assertThat(after).isEqualTo(before);
    assertThat(after.steps().get(0).byStatus()).containsEntry("dead", 1L);
    assertThat(after.sent()).isEqualTo(2L * people - 2); // the refused intro and its bump

    assertThat(app.retention.prune(Duration.ofDays(90)).executions())
        .as("a second pass finds nothing")
        .isZero();
    assertThat(app.stats.campaignStats(scenario.workspace, campaign.id())).isEqualTo(before);
  }

  @Test
  void zero_keeps_everything(@TempDir Path dir) {
    app = TestApplications.open(dir, clock, mailbox -> transport);
    Scenario scenario = new Scenario(app);
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(3));
    app.engine().runUntilIdle();
    clock.advance(Duration.ofDays(400));
    assertThat(app.retention.prune(Duration.ZERO).executions()).isZero();
    assertThat(count("SELECT count(*) FROM campaign_sequence_executions")).isEqualTo(3);
  }

  @Test
  void expired_login_states_and_sessions_go_whatever_the_retention(@TempDir Path dir) {
    app = TestApplications.open(dir, clock, mailbox -> transport);
    for (String[] row :
        new String[][] {
          {"old", "2026-03-02T13:59:00Z"}, {"fresh", "2026-03-02T14:10:00Z"},
        }) {
      Sql.execute(
          app.database().dataSource(),
          "INSERT INTO oidc_login_states (state_sha256, nonce, code_verifier, created_at,"
              + " expires_at) VALUES ('"
              + row[0]
              + "', 'n', 'verifier', '2026-03-02T13:50:00Z', '"
              + row[1]
              + "')");
    }
    app.retention.useServerDefault(Duration.ZERO); // keeps every execution and event
    app.retention.prune();
    assertThat(count("SELECT count(*) FROM oidc_login_states WHERE state_sha256 = 'old'")).isZero();
    assertThat(count("SELECT count(*) FROM oidc_login_states WHERE state_sha256 = 'fresh'"))
        .isEqualTo(1);
  }
}
