package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics moves as work runs; /health answers without an API key. */
class ApiMetricsTest extends ApiTestSupport.ServerPerTest {
  private HttpResponse<String> open(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

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
    String campaign =
        post("/api/v1/campaigns", campaignJson("[\"" + mailbox + "\"]")).body().get("id").asText();
    post("/api/v1/campaigns/" + campaign + "/activate", "");
    post("/api/v1/campaigns/" + campaign + "/enrollments", "{\"person_ids\":[\"" + person + "\"]}");

    String before = open("/metrics").body();
    assertThat(metric(before, "campaign_engine_queue_depth")).isEqualTo(1.0);
    assertThat(metric(before, "campaign_engine_executions_claimed_total")).isZero();
    assertThat(before).contains("jvm_memory_used_bytes").contains("hikaricp_connections");

    app.engine().runUntilIdle();

    String after = open("/metrics").body();
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
    assertThat(open("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = open("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("ready");
  }
}
