package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics moves as work runs; /health answers without an API key. */
class ApiMetricsTest extends ApiTestSupport.ServerPerTest {
  private static double metric(String scrape, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$")
            .matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }

  @Test
  void the_engines_series_move_as_work_runs() throws Exception {
    String mailbox = createMailbox();
    String person = createPerson("grace@navy.example", "Grace");
    String campaign = createCampaignFrom(mailbox);
    activate(campaign);
    enrollIn(campaign, person);

    String before = visit("/metrics", null).body();
    assertThat(metric(before, "campaign_engine_queue_depth")).isEqualTo(1.0);
    assertThat(metric(before, "campaign_engine_executions_claimed_total")).isZero();
    assertThat(before).contains("jvm_memory_used_bytes").contains("hikaricp_connections");

    app.engine().runUntilIdle();

    String after = visit("/metrics", null).body();
    assertThat(after)
        .containsPattern("campaign_engine_executions_claimed_total\\{step_type=\"email\"\\} 1")
        .containsPattern("campaign_engine_executions_claimed_total\\{step_type=\"wait\"\\} 1");
    assertThat(after)
        .containsPattern(
            "campaign_engine_executions_completed_total\\{outcome=\"sent\",step_type=\"email\"\\} 1")
        .containsPattern(
            "campaign_engine_executions_completed_total\\{outcome=\"completed\",step_type=\"wait\"\\} 1")
        .containsPattern(
            "campaign_engine_send_latency_seconds_count\\{provider=\"memory\",result=\"sent\"\\} 1");
    assertThat(before).doesNotContain("campaign_engine_send_latency_seconds_count");
  }

  @Test
  void health_is_open_and_ready_checks_the_database() throws Exception {
    assertThat(visit("/health/live", null).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = visit("/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("ready");
  }
}
