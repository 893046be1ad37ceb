package com.campaignengine.testing;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The no-duplicate scenario for one real transport: the node dies right after the provider accepted
 * a message (a wrapper sends, then throws), leaving that send in doubt ({@code sending}) and the
 * rest of the batch never handed over. A recovering engine with the same transport must reconcile
 * the one (found at the provider) and deliver each email exactly once. The caller checks the
 * provider's side.
 */
public final class CrashAfterAccept {
  private CrashAfterAccept() {}

  /** Runs the scenario for {@code people} enrollments; returns the database URL for checks. */
  public static String run(Path dataDir, MailTransport real, int people) {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    AtomicBoolean dying = new AtomicBoolean(true);
    MailTransport maybeDying =
        new MailTransport() {
          @Override
          public SendResult send(OutgoingMessage message) {
            SendResult result = real.send(message);
            if (dying.get()) {
              throw new IllegalStateException("node killed after the provider answered " + result);
            }
            return result;
          }

          @Override
          public Delivery lookup(String messageId) {
            return real.lookup(messageId);
          }

          @Override
          public String name() {
            return real.name();
          }
        };
    String url = TestPostgres.newDatabaseUrl();
    try (TestNode app =
        TestApplications.open(url, dataDir, clock, mailbox -> maybeDying, "node-a")) {
      Scenario scenario = new Scenario(app);
      Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
      scenario.enroll(campaign, scenario.people(people));

      app.engine().runUntilIdle();
      assertThat(Sql.count(url, "SELECT count(*) FROM email_sends WHERE status = 'sending'"))
          .as("the crash left the send the provider had in doubt")
          .isEqualTo(1);
      assertThat(Sql.count(url, "SELECT count(*) FROM email_sends"))
          .as("the rest of the batch was never handed over")
          .isEqualTo(1);

      dying.set(false);
      clock.advance(Duration.ofMinutes(5));
      app.engine().runUntilIdle();

      assertThat(Sql.count(url, "SELECT count(*) FROM email_sends WHERE status = 'sent'"))
          .isEqualTo(people);
      assertThat(
              Sql.count(
                  url, "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'completed'"))
          .isEqualTo(people);
    }
    return url;
  }
}
