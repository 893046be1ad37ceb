package com.campaignengine.alerts;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static com.campaignengine.testing.Mailboxes.anOutboxMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.mail.SendResult;
import com.campaignengine.testing.AppTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each rule fires on data that should fire it and stays quiet on data that should not. The data
 * comes from the engine's own paths (sends, permanent and transient failures, refused credentials,
 * daily caps, bounces through the inbound store) on a controllable clock.
 */
class AlertRulesTest extends AppTestSupport {
  /** Monday 2026-03-02, 10:00 in New York. */
  private static final Instant START = Instant.parse("2026-03-02T15:00:00Z");

  private AlertReadings readings;
  private final AlertThresholds thresholds = AlertThresholds.DEFAULTS;

  AlertRulesTest() {
    super(START);
  }

  @BeforeEach
  void openReadings() {
    readings = AlertTesting.readings(app);
  }

  private List<String> keys(AlertRule rule) {
    return rule.firing(scenario.workspace, clock.instant()).stream().map(Alert::key).toList();
  }

  private int campaigns;

  /** A new campaign emailing {@code c<n>p<i>@example.org}; the first sends fail as given. */
  private Campaign sendTo(int people, SendResult... failures) {
    Campaign campaign = AlertTesting.campaign(scenario, false, anEmailStep("intro"));
    for (SendResult failure : failures) {
      transport.failNext(failure);
    }
    scenario.enroll(campaign, AlertTesting.people(scenario, "c" + ++campaigns + "p", people));
    app.engine().runUntilIdle();
    return campaign;
  }

  private static SendResult permanent() {
    return new SendResult.PermanentFailure("550 no such user");
  }

  @Test
  void error_rate_fires_when_more_than_ten_percent_of_a_campaigns_executions_failed() {
    Campaign campaign = sendTo(25, permanent(), permanent(), permanent());
    AlertRule rule = new CampaignErrorRateRule(readings, thresholds);

    List<Alert> firing = rule.firing(scenario.workspace, clock.instant());

    assertThat(firing)
        .extracting(Alert::key)
        .containsExactly("campaign_error_rate:campaign=" + campaign.id());
    assertThat(firing.get(0).message()).contains("3 of 25").contains("12.0 %");
    assertThat(firing.get(0).pausesCampaign()).isFalse();
  }

  @Test
  void error_rate_counts_executions_waiting_for_a_retry() {
    SendResult transient_ = new SendResult.RetryableFailure("421 try later", null);
    Campaign campaign = sendTo(20, transient_, transient_, transient_);

    assertThat(keys(new CampaignErrorRateRule(readings, thresholds)))
        .containsExactly("campaign_error_rate:campaign=" + campaign.id());
  }

  @Test
  void error_rate_is_quiet_below_the_threshold_below_the_sample_and_outside_the_window() {
    AlertRule rule = new CampaignErrorRateRule(readings, thresholds);
    sendTo(25, permanent(), permanent()); // 8 %
    assertThat(keys(rule)).isEmpty();

    sendTo(10, permanent(), permanent(), permanent(), permanent()); // 40 % of too few
    assertThat(keys(rule)).isEmpty();

    clock.advance(Duration.ofMinutes(61));
    assertThat(keys(rule)).isEmpty();
  }

  @Test
  void bounce_rate_fires_above_five_percent_of_the_people_a_campaign_emailed() {
    Campaign campaign = sendTo(20);
    AlertRule rule = new BounceRateRule(readings, thresholds);
    AlertTesting.hardBounce(scenario, "c1p0@example.org", clock.instant());
    assertThat(keys(rule)).as("1 of 20 is 5 %, not above").isEmpty();

    AlertTesting.hardBounce(scenario, "c1p1@example.org", clock.instant());

    List<Alert> firing = rule.firing(scenario.workspace, clock.instant());
    assertThat(firing)
        .extracting(Alert::key)
        .containsExactly("campaign_bounce_rate:campaign=" + campaign.id());
    assertThat(firing.get(0).message()).contains("2 of 20 people").contains("10.0 %");
    clock.advance(Duration.ofHours(25));
    assertThat(keys(rule)).as("the sends left the window").isEmpty();
  }

  @Test
  void bounce_rate_needs_a_minimum_sample() {
    sendTo(10);
    AlertTesting.hardBounce(scenario, "c1p0@example.org", clock.instant());
    AlertTesting.hardBounce(scenario, "c1p1@example.org", clock.instant());

    assertThat(keys(new BounceRateRule(readings, thresholds))).isEmpty();
  }

  @Test
  void dead_letters_growing_fires_while_new_dead_letters_are_recent() {
    AlertRule rule = new DeadLettersGrowingRule(readings, thresholds);
    sendTo(2);
    assertThat(keys(rule)).isEmpty();

    sendTo(1, permanent());

    assertThat(keys(rule)).containsExactly("dead_letters_growing:workspace=" + scenario.workspace);
    clock.advance(Duration.ofMinutes(16));
    assertThat(keys(rule)).as("no new dead letter within 15 minutes").isEmpty();
  }

  @Test
  void mailbox_disconnected_fires_for_a_mailbox_whose_credentials_were_refused() {
    AlertRule rule = new MailboxDisconnectedRule(readings);
    sendTo(1);
    assertThat(keys(rule)).isEmpty();

    sendTo(1, new SendResult.AuthFailure("535 authentication failed"));

    List<Alert> firing = rule.firing(scenario.workspace, clock.instant());
    assertThat(firing)
        .extracting(Alert::key)
        .containsExactly("mailbox_disconnected:mailbox=" + scenario.mailboxId);
    assertThat(firing.get(0).message()).contains("535 authentication failed");
    assertThat(firing.get(0).mailboxId()).isEqualTo(scenario.mailboxId);
  }

  private Mailbox newYorkMailbox(int dailyLimit) {
    return scenario.mailbox(
        anOutboxMailbox("grace@recruit.example")
            .named("Grace")
            .dailyLimit(dailyLimit)
            .inTimezone("America/New_York"));
  }

  private void sendFrom(Mailbox mailbox, int people) {
    Campaign campaign = AlertTesting.campaign(scenario, mailbox.id(), false, anEmailStep("intro"));
    scenario.enroll(campaign, AlertTesting.people(scenario, "c" + ++campaigns + "p", people));
    app.engine().runUntilIdle();
  }

  @Test
  void daily_cap_reached_early_fires_before_three_in_the_afternoon_of_the_mailboxs_day() {
    Mailbox mailbox = newYorkMailbox(5);
    AlertRule rule = new DailyCapReachedEarlyRule(readings, thresholds);
    sendFrom(mailbox, 8); // 10:00 in New York: 5 go, 3 wait for tomorrow

    List<Alert> firing = rule.firing(scenario.workspace, clock.instant());

    assertThat(transport.sentCount()).isEqualTo(5);
    assertThat(firing)
        .extracting(Alert::key)
        .containsExactly("daily_cap_reached_early:mailbox=" + mailbox.id());
    assertThat(firing.get(0).message()).contains("10:00").contains("America/New_York");
    clock.set(Instant.parse("2026-03-03T04:59:00Z"));
    assertThat(keys(rule)).as("still the same New York day").hasSize(1);
    clock.set(Instant.parse("2026-03-03T05:01:00Z"));
    assertThat(keys(rule)).as("a new day in New York").isEmpty();
  }

  @Test
  void daily_cap_reached_late_in_the_day_or_not_reached_is_quiet() {
    Mailbox mailbox = newYorkMailbox(5);
    AlertRule rule = new DailyCapReachedEarlyRule(readings, thresholds);
    sendFrom(mailbox, 4);
    assertThat(keys(rule)).as("4 of 5").isEmpty();

    clock.set(Instant.parse("2026-03-02T21:00:00Z")); // 16:00 in New York
    sendFrom(mailbox, 3);

    assertThat(transport.sentCount()).isEqualTo(5);
    assertThat(keys(rule)).isEmpty();
  }

  @Test
  void queue_lag_fires_when_the_oldest_due_execution_waited_more_than_ten_minutes() {
    AlertRule rule = new QueueLagRule(readings, thresholds);
    Campaign campaign = AlertTesting.campaign(scenario, false, anEmailStep("intro"));
    scenario.enroll(campaign, AlertTesting.people(scenario, "q", 3));

    clock.advance(Duration.ofMinutes(9));
    assertThat(keys(rule)).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    assertThat(keys(rule)).containsExactly("queue_lag:workspace=" + scenario.workspace);

    app.engine().runUntilIdle();
    assertThat(keys(rule)).isEmpty();
  }
}
