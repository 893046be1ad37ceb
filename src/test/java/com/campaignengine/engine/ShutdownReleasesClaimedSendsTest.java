package com.campaignengine.engine;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.GatedTransport;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, defect 4 (SIGTERM): a stopping engine hands no new message to a provider, finishes the
 * one with the provider, and leaves the rest of its batch due and unleased, for any node at once.
 */
class ShutdownReleasesClaimedSendsTest extends AppTestSupport {
  private static final int PEOPLE = 10;

  private final GatedTransport provider = new GatedTransport();
  @TempDir Path otherDataDir;

  ShutdownReleasesClaimedSendsTest() {
    super(Instant.parse("2026-03-02T15:00:00Z"));
  }

  @Override
  protected com.campaignengine.engine.TransportResolver transports() {
    return mailbox -> provider;
  }

  @AfterEach
  void letEverythingGo() {
    provider.open();
  }

  private long rows(String sql) {
    return Sql.count(url, sql);
  }

  @Test
  void a_stopping_engine_sends_what_is_with_the_provider_and_releases_the_rest_at_once()
      throws Exception {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(PEOPLE));
    app.engine().start();
    for (int i = 1; i <= 2; i++) {
      int entered = i;
      await().atMost(Duration.ofSeconds(30)).until(() -> provider.entered() >= entered);
      provider.letThrough(1);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> provider.entered() == 3);

    // What the node does first on SIGTERM (Node.close), then the engine's close waits.
    app.engine().beginShutdown();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(app.engine()::close);
    provider.open();
    closing.get(30, TimeUnit.SECONDS);

    assertThat(provider.entered()).as("no message handed over once stopping").isEqualTo(3);
    assertThat(provider.sent()).as("the one with the provider finished").isEqualTo(3);
    assertThat(rows("SELECT count(*) FROM email_sends WHERE status = 'sent'")).isEqualTo(3);
    assertThat(rows("SELECT count(*) FROM email_sends"))
        .as("the rest was never handed over: nothing in doubt")
        .isEqualTo(3);
    assertThat(
            rows(
                "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'pending'"
                    + " AND locked_by IS NULL AND scheduled_at <= '"
                    + clock.instant()
                    + "'"))
        .as("released: due now, unleased")
        .isEqualTo(PEOPLE - 3);
    assertThat(rows("SELECT sent_today FROM mailboxes")).isEqualTo(3);

    // Another node takes them without waiting for a lease to run out: the clock has not moved.
    try (TestNode other =
        TestApplications.open(url, otherDataDir, clock, mailbox -> provider, "node-b")) {
      assertThat(other.engine().runDueOnce()).isEqualTo(PEOPLE - 3);
    }
    assertThat(provider.sent()).isEqualTo(PEOPLE);
    assertThat(provider.duplicates()).isZero();
    assertThat(rows("SELECT count(*) FROM email_sends WHERE status = 'sent'")).isEqualTo(PEOPLE);
  }
}
