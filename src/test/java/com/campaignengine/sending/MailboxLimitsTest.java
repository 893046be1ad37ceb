package com.campaignengine.sending;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static com.campaignengine.testing.Mailboxes.anOutboxMailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.campaignengine.testing.TestPostgres;
import com.campaignengine.testing.TwoNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits per mailbox hold in the database, whatever the number of engines. */
class MailboxLimitsTest {
  /** Monday 2 March 2026, 10:00 in Berlin (09:00 UTC). */
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path dataA;
  @TempDir Path dataB;

  private static Mailbox mailbox(
      Scenario scenario, int daily, Integer hourly, int minGap, int maxGap) {
    return scenario.mailbox(
        anOutboxMailbox("capped@recruit.example")
            .named("Capped")
            .dailyLimit(daily)
            .hourlyLimit(hourly)
            .gapsBetweenSends(minGap, maxGap)
            .inTimezone("Europe/Berlin"));
  }

  private static Campaign campaign(Scenario scenario, long mailboxId) {
    return scenario.activeCampaign(
        aCampaign().named("capped").sendingFrom(mailboxId).withSteps(anEmailStep("intro")));
  }

  private static long dueNow(String url, Instant now) {
    return Sql.count(
        url,
        "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'running'"
            + " OR (status = 'pending' AND scheduled_at <= '"
            + now
            + "')");
  }

  @Test
  void a_daily_cap_holds_with_two_engines_sending_from_one_mailbox_at_once() {
    MutableClock clock = new MutableClock(MONDAY);
    InMemoryTransport transport = new InMemoryTransport();
    try (TwoNodes nodes = TwoNodes.open(dataA, dataB, clock, transport)) {
      String url = nodes.url;
      Scenario scenario = new Scenario(nodes.a);
      Mailbox capped = mailbox(scenario, 50, null, 0, 0);
      Campaign campaign = campaign(scenario, capped.id());
      scenario.enroll(campaign, scenario.people(300));
      nodes.startEngines();

      await().atMost(Duration.ofSeconds(60)).until(() -> dueNow(url, clock.instant()) == 0);
      assertThat(transport.sentCount()).isEqualTo(50);
      // The rest waits for the mailbox's next local day (midnight in Berlin = 23:00 UTC).
      assertThat(
              Sql.count(
                  url,
                  "SELECT count(*) FROM campaign_sequence_executions"
                      + " WHERE status = 'pending' AND scheduled_at >= '2026-03-02T23:00:00Z'"))
          .isEqualTo(250);
      assertThat(
              Sql.count(
                  url, "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'dead'"))
          .isZero();

      clock.set(Instant.parse("2026-03-02T23:00:00Z"));
      nodes.wakeUp();
      await().atMost(Duration.ofSeconds(60)).until(() -> dueNow(url, clock.instant()) == 0);
      assertThat(transport.sentCount()).isEqualTo(100);
      assertThat(transport.duplicateCount()).isZero();
    }
  }

  @Test
  void an_hourly_cap_defers_the_rest_to_the_next_hour() {
    MutableClock clock = new MutableClock(MONDAY.plusSeconds(600));
    InMemoryTransport transport = new InMemoryTransport();
    String url = TestPostgres.newDatabaseUrl();
    try (TestNode app = TestApplications.open(url, dataA, clock, m -> transport, "node-a")) {
      Scenario scenario = new Scenario(app);
      Campaign campaign = campaign(scenario, mailbox(scenario, 500, 7, 0, 0).id());
      scenario.enroll(campaign, scenario.people(20));
      app.engine().runUntilIdle();
      assertThat(transport.sentCount()).isEqualTo(7);
      clock.set(MONDAY.plus(Duration.ofHours(1)));
      app.engine().runUntilIdle();
      assertThat(transport.sentCount()).isEqualTo(14);
    }
  }

  @Test
  void a_random_gap_spaces_consecutive_sends() {
    MutableClock clock = new MutableClock(MONDAY);
    InMemoryTransport transport = new InMemoryTransport();
    String url = TestPostgres.newDatabaseUrl();
    try (TestNode app = TestApplications.open(url, dataA, clock, m -> transport, "node-a")) {
      Scenario scenario = new Scenario(app);
      Campaign campaign = campaign(scenario, mailbox(scenario, 500, null, 60, 120).id());
      scenario.enroll(campaign, scenario.people(5));
      app.engine().runUntilIdle();
      assertThat(transport.sentCount()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(59));
      app.engine().runUntilIdle();
      assertThat(transport.sentCount()).as("no send before the minimum gap").isEqualTo(1);
      for (int i = 0; i < 20 && transport.sentCount() < 5; i++) {
        clock.advance(Duration.ofSeconds(121));
        app.engine().runUntilIdle();
      }
      assertThat(transport.sentCount()).isEqualTo(5);
    }
  }
}
