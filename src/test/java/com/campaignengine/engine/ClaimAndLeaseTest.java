package com.campaignengine.engine;

import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.store.ClaimedExecution;
import com.campaignengine.store.postgres.PostgresExecutionStore;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClaimAndLeaseTest extends AppTestSupport {
  private PostgresExecutionStore store;

  ClaimAndLeaseTest() {
    super(Instant.parse("2026-03-02T15:00:00Z"));
  }

  @BeforeEach
  void openStore() {
    store = new PostgresExecutionStore(app.database());
  }

  @Test
  void claim_skips_rows_locked_by_another_node() throws Exception {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(10));
    try (Connection other = DriverManager.getConnection(url);
        Statement lock = other.createStatement()) {
      other.setAutoCommit(false);
      // Another node holds the four oldest rows in an open transaction.
      lock.execute("SELECT id FROM campaign_sequence_executions ORDER BY id LIMIT 4 FOR UPDATE");
      List<ClaimedExecution> claimed =
          store.claim("node-a", clock.instant(), clock.instant().plusSeconds(60), 100);
      assertThat(claimed).hasSize(6);
      long lowestLocked = Sql.count(url, "SELECT min(id) FROM campaign_sequence_executions");
      assertThat(claimed)
          .allSatisfy(c -> assertThat(c.id()).isGreaterThanOrEqualTo(lowestLocked + 4));
      other.rollback();
    }
    assertThat(store.claim("node-a", clock.instant(), clock.instant().plusSeconds(60), 100))
        .hasSize(4);
  }

  @Test
  void claimed_rows_are_not_claimed_twice_and_carry_a_new_version() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(5));
    List<ClaimedExecution> first =
        store.claim("node-a", clock.instant(), clock.instant().plusSeconds(60), 100);
    List<ClaimedExecution> second =
        store.claim("node-b", clock.instant(), clock.instant().plusSeconds(60), 100);
    assertThat(first).hasSize(5).allSatisfy(c -> assertThat(c.version()).isEqualTo(1));
    assertThat(second).isEmpty();
  }

  @Test
  void a_stale_lease_is_reaped_and_the_work_runs_once() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"), anEmailStep("bump"));
    scenario.enroll(campaign, scenario.people(20));
    // A node claims everything and dies without completing or releasing.
    assertThat(
            store.claim(
                "dead-node", clock.instant(), clock.instant().plus(Duration.ofMinutes(2)), 100))
        .hasSize(20);
    assertThat(app.engine().runUntilIdle()).isZero();
    assertThat(app.engine().reapOnce()).as("lease not yet expired").isZero();

    clock.advance(Duration.ofMinutes(3));
    assertThat(app.engine().reapOnce()).isEqualTo(20);
    app.engine().runUntilIdle();

    assertThat(transport.sentCount()).isEqualTo(40);
    assertThat(transport.duplicateCount()).isZero();
    assertThat(
            Sql.count(
                url, "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'completed'"))
        .isEqualTo(20);
  }

  @Test
  void a_completion_that_lost_its_lease_changes_nothing() {
    Campaign campaign =
        scenario.activeCampaign(aWait("w", 0, WaitUnit.MINUTES), anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(3));
    List<ClaimedExecution> stale =
        store.claim("slow-node", clock.instant(), clock.instant().plusSeconds(1), 100);
    clock.advance(Duration.ofSeconds(5));
    app.engine().reapOnce();
    app.engine().runUntilIdle(); // another node did the work meanwhile

    int lost =
        store.complete(
            stale.stream()
                .map(
                    c ->
                        (com.campaignengine.store.Completion)
                            new com.campaignengine.store.Completion.Cancelled(c, "late"))
                .toList(),
            clock.instant());
    assertThat(lost).isEqualTo(3);
    assertThat(
            Sql.count(
                url,
                "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'cancelled'"))
        .isZero();
    assertThat(transport.sentCount()).isEqualTo(3);
  }

  @Test
  void graceful_shutdown_leaves_no_claimed_work_behind() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(5));
    store.claim("node-a", clock.instant(), clock.instant().plusSeconds(60), 2);
    app.engine().start();
    app.engine().close();
    assertThat(
            Sql.count(
                url, "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'running'"))
        .isZero();
  }
}
