package com.campaignengine.alerts;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.store.postgres.PostgresAlertStore;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One notice per condition until it resolves, then one resolution notice; the same with two nodes
 * evaluating the same database at once. The clock is moved by hand.
 */
class AlertEvaluatorTest extends AppTestSupport {
  private static final Instant START = Instant.parse("2026-03-02T15:00:00Z");
  private static final String QUEUE_LAG = "queue_lag:workspace=";

  AlertEvaluatorTest() {
    super(START);
  }

  /** Three people due now in an active campaign, with nothing running them. */
  private static void lagging(Scenario scenario) {
    Campaign campaign = AlertTesting.campaign(scenario, false, anEmailStep("intro"));
    scenario.enroll(campaign, AlertTesting.people(scenario, "p", 3));
  }

  @Test
  void a_condition_that_holds_on_is_notified_once_and_its_resolution_once() {
    RecordingSink sink = new RecordingSink();
    AlertEvaluator evaluator = AlertTesting.evaluator(app, sink, AlertThresholds.DEFAULTS);
    lagging(scenario);
    String key = QUEUE_LAG + scenario.workspace;

    assertThat(evaluator.evaluate(scenario.workspace).fired()).isEmpty();
    clock.advance(Duration.ofMinutes(11));
    assertThat(evaluator.evaluate(scenario.workspace).fired())
        .extracting(AlertRecord::key)
        .containsExactly(key);
    clock.advance(Duration.ofMinutes(1));
    AlertEvaluator.Outcome again = evaluator.evaluate(scenario.workspace);
    clock.advance(Duration.ofMinutes(1));
    evaluator.evaluateAll();

    assertThat(again.fired()).isEmpty();
    assertThat(again.resolved()).isEmpty();
    assertThat(sink.lines()).containsExactly("firing " + key);
    assertThat(app.alerts.list(scenario.workspace, AlertStatus.FIRING, 0, 10).items())
        .singleElement()
        .satisfies(alert -> assertThat(alert.lastSeenAt()).isEqualTo(clock.instant()));

    app.engine().runUntilIdle(); // the condition goes away
    AlertEvaluator.Outcome resolution = evaluator.evaluate(scenario.workspace);
    evaluator.evaluate(scenario.workspace);

    assertThat(resolution.resolved()).extracting(AlertRecord::key).containsExactly(key);
    assertThat(sink.lines()).containsExactly("firing " + key, "resolved " + key);
    assertThat(sink.notices().get(1).resolvedAt()).isEqualTo(clock.instant());
    assertThat(app.alerts.list(scenario.workspace, AlertStatus.FIRING, 0, 10).items()).isEmpty();
  }

  @Test
  void a_firing_alert_shows_the_current_figures_not_those_it_fired_with() {
    RecordingSink sink = new RecordingSink();
    AlertEvaluator evaluator = AlertTesting.evaluator(app, sink, AlertThresholds.DEFAULTS);
    lagging(scenario);
    clock.advance(Duration.ofMinutes(11));
    evaluator.evaluate(scenario.workspace);
    clock.advance(Duration.ofMinutes(20));

    evaluator.evaluate(scenario.workspace);

    assertThat(app.alerts.list(scenario.workspace, AlertStatus.FIRING, 0, 10).items())
        .singleElement()
        .satisfies(alert -> assertThat(alert.message()).contains("waited 31 minutes"));
    app.engine().runUntilIdle();
    evaluator.evaluate(scenario.workspace);
    assertThat(AlertTexts.line(sink.notices().get(1))).contains("(was: ", "waited 31 minutes");
  }

  @Test
  void a_condition_that_returns_after_resolving_is_a_new_alert() {
    RecordingSink sink = new RecordingSink();
    AlertEvaluator evaluator = AlertTesting.evaluator(app, sink, AlertThresholds.DEFAULTS);
    lagging(scenario);
    clock.advance(Duration.ofMinutes(11));
    evaluator.evaluate(scenario.workspace);
    app.engine().runUntilIdle();
    evaluator.evaluate(scenario.workspace);

    Campaign second = AlertTesting.campaign(scenario, false, anEmailStep("intro"));
    scenario.enroll(second, AlertTesting.people(scenario, "later", 1));
    clock.advance(Duration.ofMinutes(11));
    evaluator.evaluate(scenario.workspace);

    String key = QUEUE_LAG + scenario.workspace;
    assertThat(sink.lines()).containsExactly("firing " + key, "resolved " + key, "firing " + key);
    assertThat(app.alerts.list(scenario.workspace, null, 0, 10).items())
        .extracting(AlertRecord::status)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
  }

  @Test
  void the_loop_started_by_serve_evaluates_in_the_background() {
    lagging(scenario);
    clock.advance(Duration.ofMinutes(11));

    app.startAlerts(Duration.ofMillis(20));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !app.alerts.list(scenario.workspace, AlertStatus.FIRING, 0, 10).items().isEmpty());
  }

  @Test
  void a_rule_that_fails_leaves_its_firing_alerts_alone() {
    RecordingSink sink = new RecordingSink();
    AlertReadings readings = AlertTesting.readings(app);
    PostgresAlertStore store = new PostgresAlertStore(app.database());
    boolean[] broken = {false};
    AlertRule flaky =
        new AlertRule() {
          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public List<Alert> firing(long workspaceId, Instant now) {
            if (broken[0]) {
              throw new IllegalStateException("database hiccup");
            }
            return List.of(Alert.forWorkspace("flaky", workspaceId, "something is off"));
          }
        };
    AlertEvaluator evaluator =
        new AlertEvaluator(List.of(flaky), readings, store, sink, app.campaigns::pause, clock);

    evaluator.evaluate(scenario.workspace);
    broken[0] = true;
    AlertEvaluator.Outcome failed = evaluator.evaluate(scenario.workspace);

    assertThat(failed.resolved()).isEmpty();
    assertThat(sink.lines()).containsExactly("firing flaky:workspace=" + scenario.workspace);
  }

  @Test
  void two_nodes_evaluating_at_once_notify_each_change_once() throws Exception {
    TestNode one = app;
    try (TestNode two =
        TestApplications.open(url, dataDir.resolve("b"), clock, m -> transport, "node-b")) {
      RecordingSink sinkOne = new RecordingSink();
      RecordingSink sinkTwo = new RecordingSink();
      AlertEvaluator nodeOne = AlertTesting.evaluator(one, sinkOne, AlertThresholds.DEFAULTS);
      AlertEvaluator nodeTwo = AlertTesting.evaluator(two, sinkTwo, AlertThresholds.DEFAULTS);
      lagging(scenario);
      clock.advance(Duration.ofMinutes(11));

      for (int round = 0; round < 5; round++) {
        race(nodeOne, nodeTwo, scenario.workspace);
      }
      one.engine().runUntilIdle();
      for (int round = 0; round < 5; round++) {
        race(nodeOne, nodeTwo, scenario.workspace);
      }

      List<String> all = new ArrayList<>(sinkOne.lines());
      all.addAll(sinkTwo.lines());
      String key = QUEUE_LAG + scenario.workspace;
      assertThat(all).containsExactlyInAnyOrder("firing " + key, "resolved " + key);
      assertThat(AlertTesting.count(one, "SELECT count(*) FROM alerts")).isEqualTo(1);
    }
  }

  private static void race(AlertEvaluator a, AlertEvaluator b, long workspace) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Callable<AlertEvaluator.Outcome>> both = new ArrayList<>();
      for (AlertEvaluator evaluator : List.of(a, b)) {
        both.add(
            () -> {
              start.await();
              return evaluator.evaluate(workspace);
            });
      }
      for (Future<AlertEvaluator.Outcome> outcome : threads.invokeAll(both)) {
        outcome.get();
      }
    } finally {
      threads.shutdown();
    }
  }
}
