package com.campaignengine.engine;

import static com.campaignengine.testing.Campaigns.aCondition;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.ConditionType;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TwoNodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two engine nodes share one database; every step of every enrollment runs exactly once. */
@Tag("slow")
class TwoEnginesTest {
  @TempDir Path dataA;
  @TempDir Path dataB;

  @Test
  void two_engines_run_2000_enrollments_with_every_step_executed_exactly_once() {
    InMemoryTransport transport = new InMemoryTransport(); // shared: counts duplicates across nodes
    try (TwoNodes nodes = TwoNodes.open(dataA, dataB, Clock.systemUTC(), transport)) {
      String url = nodes.url;
      Scenario scenario = new Scenario(nodes.a);
      Campaign campaign =
          scenario.activeCampaign(
              anEmailStep("intro"),
              aWait("pause", 0, WaitUnit.MINUTES),
              aCondition("check", ConditionType.REPLIED).ifFalse("bump"),
              anEmailStep("bump"));
      nodes.startEngines();
      assertThat(scenario.enroll(campaign, scenario.people(2000))).isEqualTo(2000);

      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  Sql.count(
                          url,
                          "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'completed'")
                      == 2000);

      assertThat(transport.duplicateCount()).isZero();
      assertThat(transport.sentCount()).isEqualTo(4000);
      assertThat(Sql.count(url, "SELECT count(*) FROM campaign_sequence_executions"))
          .as("one row per enrollment")
          .isEqualTo(2000);
      assertThat(Sql.count(url, "SELECT count(*) FROM campaign_step_log"))
          .as("every step run logged once")
          .isEqualTo(8000);
      assertThat(
              Sql.count(
                  url,
                  "SELECT count(*) FROM (SELECT enrollment_id, step_id FROM campaign_step_log"
                      + " GROUP BY 1, 2 HAVING count(*) > 1) d"))
          .isZero();
      assertThat(Sql.count(url, "SELECT count(DISTINCT execution_id) FROM campaign_step_log"))
          .as("each run its own id")
          .isEqualTo(8000);
      assertThat(
              Sql.count(url, "SELECT count(DISTINCT locked_by) FROM campaign_sequence_executions"))
          .as("locked_by is cleared on completion")
          .isZero();
      assertThat(Sql.count(url, "SELECT count(*) FROM email_sends WHERE status = 'sent'"))
          .isEqualTo(4000);
    }
  }
}
