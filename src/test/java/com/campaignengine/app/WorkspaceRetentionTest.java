package com.campaignengine.app;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workspace's own retention overrides the server's default in the pruning of that workspace. */
class WorkspaceRetentionTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T14:00:00Z"));
  private final InMemoryTransport transport = new InMemoryTransport();
  private TestNode app;
  private Scenario shortLived;
  private Scenario defaults;

  @BeforeEach
  void start(@TempDir Path dir) {
    app = TestApplications.open(dir, clock, mailbox -> transport);
    shortLived = new Scenario(app);
    defaults = new Scenario(app);
    for (Scenario workspace : new Scenario[] {shortLived, defaults}) {
      Campaign campaign = workspace.activeCampaign(anEmailStep("intro"));
      workspace.enroll(campaign, workspace.people(3));
    }
    app.engine().runUntilIdle();
  }

  @AfterEach
  void close() {
    if (app != null) {
      app.close();
    }
  }

  private long executions(Scenario workspace) {
    return Sql.count(
        app.database().dataSource(),
        "SELECT count(*) FROM campaign_sequence_executions WHERE workspace_id = "
            + workspace.workspace);
  }

  @Test
  void a_workspace_setting_prunes_that_workspace_sooner_and_leaves_the_others() {
    app.retention.useServerDefault(Duration.ofDays(90));
    assertThat(app.retentionSettings.set(shortLived.workspace, 7).effectiveDays()).isEqualTo(7);
    assertThat(executions(shortLived)).isEqualTo(3);

    clock.advance(Duration.ofDays(8));
    app.retention.prune();

    assertThat(executions(shortLived)).as("older than its 7 days").isZero();
    assertThat(executions(defaults)).as("within the server's 90 days").isEqualTo(3);
  }

  @Test
  void zero_keeps_a_workspace_forever_and_null_returns_it_to_the_default() {
    app.retention.useServerDefault(Duration.ofDays(30));
    app.retentionSettings.set(defaults.workspace, 0);
    app.retentionSettings.set(shortLived.workspace, 0);
    app.retentionSettings.set(shortLived.workspace, null);
    assertThat(app.retentionSettings.get(shortLived.workspace).workspaceDays()).isNull();

    clock.advance(Duration.ofDays(400));
    app.retention.prune();

    assertThat(executions(defaults)).as("0 keeps everything").isEqualTo(3);
    assertThat(executions(shortLived)).as("back on the server's 30 days").isZero();
  }

  @Test
  void a_workspace_prunes_even_when_the_server_keeps_everything() {
    app.retention.useServerDefault(Duration.ZERO);
    app.retentionSettings.set(shortLived.workspace, 1);

    clock.advance(Duration.ofDays(2));
    app.retention.prune();

    assertThat(executions(shortLived)).isZero();
    assertThat(executions(defaults)).isEqualTo(3);
  }

  @Test
  void out_of_range_days_are_refused_naming_the_field_and_change_nothing() {
    app.retentionSettings.set(shortLived.workspace, 14);
    for (int days : new int[] {-1, 3651}) {
      assertThatThrownBy(() -> app.retentionSettings.set(shortLived.workspace, days))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("retention_days"));
    }
    assertThat(app.retentionSettings.get(shortLived.workspace).workspaceDays()).isEqualTo(14);
  }
}
