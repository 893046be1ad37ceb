package com.campaignengine.alerts;

import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignStatus;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.mail.SendResult;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.Scenario;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code auto_pause_on_spike}: a bounce or error spike pauses the campaign, and its pending work is
 * not sent; without the setting the alert fires and the campaign runs on.
 */
class AlertAutoPauseTest extends AppTestSupport {
  private static final Instant START = Instant.parse("2026-03-02T15:00:00Z");

  AlertAutoPauseTest() {
    super(START);
  }

  /** An intro, an hour's wait, then a bump. */
  private static Campaign twoEmails(Scenario scenario, boolean autoPause) {
    return AlertTesting.campaign(
        scenario,
        autoPause,
        anEmailStep("intro"),
        aWait("pause", 60, WaitUnit.MINUTES),
        anEmailStep("bump"));
  }

  @Test
  void a_bounce_spike_pauses_the_campaign_and_its_pending_bumps_are_not_sent() {
    RecordingSink sink = new RecordingSink();
    AlertEvaluator evaluator = AlertTesting.evaluator(app, sink, AlertThresholds.DEFAULTS);
    Campaign campaign = twoEmails(scenario, true);
    scenario.enroll(campaign, AlertTesting.people(scenario, "p", 20));
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(20);
    clock.advance(Duration.ofHours(1));
    AlertTesting.hardBounce(scenario, "p0@example.org", clock.instant());
    AlertTesting.hardBounce(scenario, "p1@example.org", clock.instant());

    AlertEvaluator.Outcome outcome = evaluator.evaluate(scenario.workspace);

    assertThat(outcome.fired())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.key()).isEqualTo("campaign_bounce_rate:campaign=" + campaign.id());
              assertThat(alert.campaignId()).isEqualTo(campaign.id());
              assertThat(alert.message()).contains("paused automatically");
            });
    assertThat(app.campaigns.get(scenario.workspace, campaign.id()).status())
        .isEqualTo(CampaignStatus.PAUSED);
    clock.advance(Duration.ofHours(2));
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).as("no bump went out").isEqualTo(20);
    assertThat(
            AlertTesting.count(
                app, "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'paused'"))
        .isEqualTo(18);

    // The operator resumes while the alert still fires: it is not paused a second time.
    app.campaigns.resume(scenario.workspace, campaign.id());
    app.engine().runUntilIdle();
    evaluator.evaluate(scenario.workspace);
    assertThat(app.campaigns.get(scenario.workspace, campaign.id()).status())
        .isEqualTo(CampaignStatus.ACTIVE);
    assertThat(transport.sentCount()).as("the bumps, once resumed").isEqualTo(38);
    assertThat(sink.notices()).hasSize(1);
  }

  @Test
  void an_error_spike_pauses_a_campaign_that_asked_for_it_and_only_that_one() {
    AlertEvaluator evaluator =
        AlertTesting.evaluator(app, new RecordingSink(), AlertThresholds.DEFAULTS);
    Campaign pausing = twoEmails(scenario, true);
    Campaign running = twoEmails(scenario, false);
    for (Campaign campaign : new Campaign[] {pausing, running}) {
      for (int i = 0; i < 5; i++) {
        transport.failNext(new SendResult.PermanentFailure("550 no such user"));
      }
      scenario.enroll(campaign, AlertTesting.people(scenario, "c" + campaign.id() + "p", 20));
      app.engine().runUntilIdle();
    }

    AlertEvaluator.Outcome outcome = evaluator.evaluate(scenario.workspace);

    assertThat(outcome.fired())
        .extracting(AlertRecord::key)
        .containsExactlyInAnyOrder(
            "campaign_error_rate:campaign=" + pausing.id(),
            "campaign_error_rate:campaign=" + running.id(),
            "dead_letters_growing:workspace=" + scenario.workspace);
    assertThat(app.campaigns.get(scenario.workspace, pausing.id()).status())
        .isEqualTo(CampaignStatus.PAUSED);
    assertThat(app.campaigns.get(scenario.workspace, running.id()).status())
        .isEqualTo(CampaignStatus.ACTIVE);
  }
}
