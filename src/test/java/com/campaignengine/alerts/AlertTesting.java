package com.campaignengine.alerts;

import static com.campaignengine.testing.Campaigns.aCampaign;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.SoftBounceResends;
import com.campaignengine.store.InboundStore;
import com.campaignengine.store.postgres.PostgresAlertReadings;
import com.campaignengine.store.postgres.PostgresAlertStore;
import com.campaignengine.store.postgres.PostgresInboundStore;
import com.campaignengine.testing.Campaigns.StepBuilder;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.TestNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Evaluators and data for the alert tests, on a real application and database. */
final class AlertTesting {
  private AlertTesting() {}

  static PostgresAlertReadings readings(TestNode app) {
    return new PostgresAlertReadings(app.database());
  }

  static AlertEvaluator evaluator(TestNode app, AlertSink sink, AlertThresholds thresholds) {
    PostgresAlertReadings readings = readings(app);
    return new AlertEvaluator(
        AlertEvaluator.standardRules(readings, thresholds),
        readings,
        new PostgresAlertStore(app.database()),
        sink,
        app.campaigns::pause,
        app.clock());
  }

  /** An active, always-open campaign on the scenario's mailbox. */
  static Campaign campaign(Scenario scenario, boolean autoPause, StepBuilder... steps) {
    return campaign(scenario, scenario.mailboxId, autoPause, steps);
  }

  static Campaign campaign(
      Scenario scenario, long mailboxId, boolean autoPause, StepBuilder... steps) {
    return scenario.activeCampaign(
        aCampaign()
            .named("Backend engineers")
            .sendingFrom(mailboxId)
            .autoPausingOnSpikes(autoPause)
            .withSteps(steps));
  }

  /** Creates {@code <prefix><i>@example.org} for i below {@code count}; returns their ids. */
  static List<Long> people(Scenario scenario, String prefix, int count) {
    List<Long> ids = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(
          scenario
              .app
              .people
              .create(
                  scenario.workspace,
                  new com.campaignengine.campaign.PersonDraft(
                      prefix + i + "@example.org", "P" + i, null, null, null, null, Map.of()))
              .id());
    }
    return ids;
  }

  /** A hard bounce from {@code <address>}, through the inbound store's own path. */
  static void hardBounce(Scenario scenario, String address, Instant now) {
    new PostgresInboundStore(scenario.app.database())
        .recordBounce(
            scenario.workspace,
            null,
            new InboundStore.BounceReport(null, address, "5.1.1", true, false, "no such user"),
            SoftBounceResends.DEFAULTS,
            now);
  }

  static long count(TestNode app, String sql) {
    return com.campaignengine.testing.Sql.count(app.database().dataSource(), sql);
  }
}
