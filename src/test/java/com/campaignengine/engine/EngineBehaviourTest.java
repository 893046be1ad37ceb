package com.campaignengine.engine;

import static com.campaignengine.testing.Campaigns.aCondition;
import static com.campaignengine.testing.Campaigns.aFieldCondition;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.ConditionType;
import com.campaignengine.campaign.FieldOperator;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.mail.SendResult;
import com.campaignengine.readmodel.EnrollmentView;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.Campaigns.StepBuilder;
import com.campaignengine.testing.Sql;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineBehaviourTest extends AppTestSupport {
  /** Friday 6 March 2026, 21:55 UTC = 16:55 in New York. */
  private static final Instant FRIDAY_EVENING = Instant.parse("2026-03-06T21:55:00Z");

  EngineBehaviourTest() {
    super(FRIDAY_EVENING);
  }

  private Campaign newYorkCampaign(StepBuilder... steps) {
    return scenario.activeCampaign(
        scenario
            .campaign()
            .named("ny")
            .inTimezone("America/New_York")
            .sendingIn(
                new SendingWindow(SendingWindow.WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0)))
            .withSteps(steps));
  }

  private EnrollmentView only(Campaign campaign) {
    return app.enrollments.list(scenario.workspace, campaign.id(), null, 0, 10).items().get(0);
  }

  @Test
  void an_email_due_outside_the_window_waits_for_its_next_opening() {
    Campaign campaign =
        newYorkCampaign(aWait("settle", 10, WaitUnit.MINUTES), anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runUntilIdle(); // the wait runs at 16:55; the email would be due at 17:05

    // Monday 9 March 09:00 EDT (New York switched to daylight time on Sunday) = 13:00 UTC.
    assertThat(only(campaign).nextRunAt()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    clock.set(Instant.parse("2026-03-09T12:59:00Z"));
    assertThat(app.engine().runUntilIdle()).isZero();
    clock.set(Instant.parse("2026-03-09T13:00:00Z"));
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(1);
  }

  @Test
  void a_business_day_wait_skips_the_weekend_at_the_same_local_time() {
    Campaign campaign =
        newYorkCampaign(
            anEmailStep("intro"), aWait("pause", 1, WaitUnit.BUSINESS_DAYS), anEmailStep("bump"));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runUntilIdle(); // intro at 16:55 Friday, wait → Monday 16:55 New York time
    assertThat(transport.sentCount()).isEqualTo(1);
    assertThat(only(campaign).nextRunAt()).isEqualTo(Instant.parse("2026-03-09T20:55:00Z"));
  }

  @Test
  void transient_failures_are_retried_then_dead_lettered_and_a_retry_requeues_them() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"), anEmailStep("bump"));
    scenario.enroll(campaign, scenario.people(1));
    for (int i = 0; i < 3; i++) {
      transport.failNext(new SendResult.RetryableFailure("451 try later", Duration.ofSeconds(30)));
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      app.engine().runUntilIdle();
      clock.advance(Duration.ofMinutes(10));
    }
    assertThat(transport.sentCount()).isZero();
    var dead = app.deadLetters.list(scenario.workspace, campaign.id(), 0, 10).items();
    assertThat(dead)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.errorClass()).isEqualTo("transient");
              assertThat(d.attempts()).isEqualTo(3);
              assertThat(d.lastError()).contains("451");
            });
    assertThat(only(campaign).status().wireName()).isEqualTo("failed");

    app.deadLetters.retry(scenario.workspace, dead.get(0).id());
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(2);
    assertThat(only(campaign).status().wireName()).isEqualTo("completed");
  }

  @Test
  void a_retry_honours_retry_after_and_is_not_claimed_earlier() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(1));
    transport.failNext(new SendResult.RetryableFailure("429", Duration.ofMinutes(7)));
    app.engine().runUntilIdle();
    assertThat(only(campaign).nextRunAt())
        .isAfterOrEqualTo(clock.instant().plus(Duration.ofMinutes(7)));
  }

  @Test
  void
      retrying_all_dead_letters_of_a_campaign_requeues_them_and_an_ended_enrollment_leaves_the_queue() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(3));
    for (int i = 0; i < 3; i++) {
      transport.failNext(new SendResult.PermanentFailure("554 policy"));
    }
    app.engine().runUntilIdle();
    var dead = app.deadLetters.list(scenario.workspace, campaign.id(), 0, 10).items();
    assertThat(dead).hasSize(3);
    app.enrollments.stop(scenario.workspace, dead.get(0).enrollmentId());
    assertThat(app.deadLetters.list(scenario.workspace, campaign.id(), 0, 10).items())
        .as("a stopped enrollment's dead letter is no longer actionable")
        .hasSize(2);

    var result = app.deadLetters.retryAll(scenario.workspace, campaign.id());
    app.engine().runUntilIdle();

    assertThat(result.requeued()).isEqualTo(2);
    assertThat(result.skipped()).isZero();
    assertThat(transport.sentCount()).isEqualTo(2);
  }

  @Test
  void a_permanent_failure_is_dead_lettered_at_once() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(1));
    transport.failNext(new SendResult.PermanentFailure("550 no such user"));
    app.engine().runUntilIdle();
    assertThat(app.deadLetters.list(scenario.workspace, null, 0, 10).items())
        .singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
  }

  @Test
  void a_paused_enrollment_runs_nothing_until_resumed() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(1));
    long id = only(campaign).id();
    app.enrollments.pause(scenario.workspace, id);
    assertThat(app.engine().runUntilIdle()).isZero();
    app.enrollments.resume(scenario.workspace, id);
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(1);
  }

  @Test
  void a_paused_campaign_holds_every_enrollment_and_resuming_releases_them() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(5));
    app.campaigns.pause(scenario.workspace, campaign.id());
    assertThat(app.engine().runUntilIdle()).isZero();
    app.campaigns.resume(scenario.workspace, campaign.id());
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(5);
  }

  @Test
  void people_are_not_enrolled_in_a_draft_campaign_but_once_it_is_activated() {
    Campaign draft =
        scenario.draftCampaign(scenario.campaign().named("d").withSteps(anEmailStep("intro")));
    List<Long> people = scenario.people(2);
    // Issue 12: a draft runs nothing, so enrolling in one is refused rather than counted as active.
    assertThatThrownBy(() -> scenario.enroll(draft, people))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("activate it first");
    assertThat(app.enrollments.list(scenario.workspace, draft.id(), null, 0, 10).items()).isEmpty();
    app.campaigns.activate(scenario.workspace, draft.id());
    scenario.enroll(draft, people);
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(2);
  }

  @Test
  void a_field_condition_routes_by_the_persons_title() {
    StepBuilder check =
        aFieldCondition("is_engineer", "title", FieldOperator.CONTAINS, "engineer")
            .ifTrue("engineers")
            .ifFalse("others");
    StepBuilder engineers = anEmailStep("engineers").subject("For engineers").thenEnd();
    StepBuilder others = anEmailStep("others").subject("For everyone else").thenEnd();
    Campaign campaign = scenario.activeCampaign(check, engineers, others);
    app.people.saveAll(
        scenario.workspace,
        List.of(
            new PersonDraft("eng@x.org", "E", null, "Staff Engineer", null, null, Map.of()),
            new PersonDraft("pm@x.org", "P", null, "Product Manager", null, null, Map.of())));
    scenario.enroll(
        campaign,
        app.people.list(scenario.workspace, null, 0, 10).items().stream()
            .map(p -> p.id())
            .toList());
    app.engine().runUntilIdle();

    assertThat(transport.messages())
        .extracting(m -> m.to().email() + ":" + m.subject())
        .containsExactlyInAnyOrder("eng@x.org:For engineers", "pm@x.org:For everyone else");
  }

  @Test
  void a_replied_condition_sees_a_recorded_reply_when_the_campaign_does_not_stop_on_reply() {
    Campaign campaign =
        scenario.activeCampaign(
            scenario
                .campaign()
                .named("r")
                .continuingAfterReplies()
                .withSteps(
                    anEmailStep("intro"),
                    aWait("w", 60, WaitUnit.MINUTES),
                    aCondition("check", ConditionType.REPLIED).ifTrue("thanks"),
                    anEmailStep("thanks")));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runUntilIdle();
    app.enrollments.recordReply(
        scenario.workspace, only(campaign).id(), "person0@example.org", "Re");
    clock.advance(Duration.ofHours(1));
    app.engine().runUntilIdle();
    assertThat(transport.messages())
        .extracting(m -> m.subject())
        .containsExactly("Hello P0 (intro)", "Hello P0 (thanks)");
    assertThat(Sql.count(url, "SELECT count(*) FROM email_replies")).isEqualTo(1);
  }

  @Test
  void a_clicked_within_condition_only_counts_clicks_soon_enough_after_the_email()
      throws Exception {
    StepBuilder check =
        aCondition("clicked_soon", ConditionType.CLICKED)
            .within(24)
            .ifTrue("thanks")
            .ifFalse("bump");
    StepBuilder thanks = anEmailStep("thanks").subject("Thanks").body("Thanks!").thenEnd();
    Campaign campaign =
        scenario.activeCampaign(
            anEmailStep("intro"),
            aWait("w", 48 * 60, WaitUnit.MINUTES),
            check,
            thanks,
            anEmailStep("bump"));
    scenario.enroll(campaign, scenario.people(2));
    app.engine().runUntilIdle();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
      c.createStatement()
          .execute(
              "INSERT INTO email_events (workspace_id, campaign_id, step_id, enrollment_id, email_send_id,"
                  + " event_type, occurred_at)"
                  + " SELECT workspace_id, campaign_id, step_id, enrollment_id, id, 'clicked',"
                  + " sent_at + CASE to_address"
                  + " WHEN 'person0@example.org' THEN interval '2 hours' ELSE interval '30 hours' END"
                  + " FROM email_sends");
    }
    clock.advance(Duration.ofHours(48));
    app.engine().runUntilIdle();
    assertThat(transport.messages())
        .extracting(m -> m.to().email() + ":" + m.subject())
        .contains("person0@example.org:Thanks", "person1@example.org:Hello P1 (bump)")
        .doesNotContain("person0@example.org:Hello P0 (bump)", "person1@example.org:Thanks");
  }

  @Test
  void a_campaign_that_skips_missing_values_stops_that_persons_sequence_instead_of_sending() {
    StepBuilder intro =
        anEmailStep("intro")
            .subject("Hello {{default first_name \"there\"}}")
            .body("As a {{title}} you...");
    Campaign campaign =
        scenario.activeCampaign(
            scenario.campaign().named("skip").skippingMissingValues().withSteps(intro));
    app.people.saveAll(
        scenario.workspace,
        List.of(
            new PersonDraft("eng@x.org", null, null, "Staff Engineer", null, null, Map.of()),
            new PersonDraft("anon@x.org", "Anon", null, null, null, null, Map.of())));
    scenario.enroll(
        campaign,
        app.people.list(scenario.workspace, null, 0, 10).items().stream()
            .map(p -> p.id())
            .toList());
    app.engine().runUntilIdle();

    assertThat(transport.messages()).extracting(m -> m.to().email()).containsExactly("eng@x.org");
    assertThat(
            Sql.count(url, "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'stopped'"))
        .isEqualTo(1);
    assertThat(
            Sql.count(
                url,
                "SELECT count(*) FROM campaign_sequence_executions WHERE last_error = 'missing value: title'"))
        .isEqualTo(1);
  }

  @Test
  void days_of_week_in_a_window_are_honoured() {
    SendingWindow tuesdays =
        new SendingWindow(EnumSet.of(DayOfWeek.TUESDAY), LocalTime.of(10, 0), LocalTime.of(11, 0));
    Campaign campaign =
        scenario.activeCampaign(
            scenario
                .campaign()
                .named("t")
                .inTimezone("UTC")
                .sendingIn(tuesdays)
                .withSteps(anEmailStep("intro")));
    scenario.enroll(campaign, scenario.people(1));
    assertThat(only(campaign).nextRunAt()).isEqualTo(Instant.parse("2026-03-10T10:00:00Z"));
  }
}
