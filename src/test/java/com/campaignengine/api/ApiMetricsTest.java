package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /metrics moves as work runs, on the management port only: nothing the API port answers without a
 * key reveals a workspace's data, and /health answers there without one.
 */
class ApiMetricsTest extends ApiTestSupport.ServerPerTest {
  private ManagementServer management;

  @BeforeEach
  void startManagement() {
    management =
        new ManagementServer(app.api(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    management.start();
  }

  @AfterEach
  void stopManagement() {
    management.close();
  }

  private static double metric(String scrape, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$")
            .matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }

  private HttpResponse<String> onManagementPort(String path) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management.port() + path))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void the_engines_series_move_as_work_runs() {
    String mailbox = createMailbox();
    String person = createPerson("grace@navy.example", "Grace");
    String campaign = createCampaignFrom(mailbox);
    activate(campaign);
    enrollIn(campaign, person);

    String before = onManagementPort("/metrics").body();
    assertThat(metric(before, "campaign_engine_queue_depth")).isEqualTo(1.0);
    assertThat(metric(before, "campaign_engine_executions_claimed_total")).isZero();
    assertThat(before).contains("jvm_memory_used_bytes").contains("hikaricp_connections");

    app.engine().runUntilIdle();

    String after = onManagementPort("/metrics").body();
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
  void nothing_on_the_api_port_without_a_key_reveals_a_workspace() {
    String mailbox = createMailbox();
    String person = createPerson("grace@navy.example", "Grace");
    String campaign = createCampaignFrom(mailbox);
    activate(campaign);
    enrollIn(campaign, person);
    app.engine().runUntilIdle();

    for (String path :
        List.of(
            "/metrics",
            "/metrics/",
            "/health",
            "/health/live",
            "/health/ready",
            "/",
            "/api/v1/campaigns",
            "/api/v1/campaigns/" + campaign + "/stats",
            "/api/v1/stats/mailboxes")) {
      HttpResponse<String> answer = visit(path, null);
      assertThat(answer.body())
          .as(path)
          .doesNotContain(
              "campaign_engine_",
              "grace@navy.example",
              "Grace",
              "recruit.example",
              "Backend engineers");
      if (path.startsWith("/metrics")) {
        assertThat(answer.statusCode()).as(path).isEqualTo(404);
      }
    }
  }

  @Test
  void health_is_open_on_both_ports_and_ready_checks_the_database() {
    assertThat(visit("/health/live", null).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = visit("/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("ready");
    assertThat(onManagementPort("/health/ready").statusCode()).isEqualTo(200);
  }
}
