package com.campaignengine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.engine.EngineConfig;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.node.StorageSettings;
import com.campaignengine.testing.MailServer;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.TestNode;
import com.campaignengine.testing.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sinks against real servers: the webhook posts Slack-compatible JSON to a local HTTP server
 * (and retries a 503), the email sink sends through an SMTP mailbox to GreenMail on a free port.
 * Both are configured the way {@code serve} configures them, through the application's settings.
 */
class AlertSinksTest {
  private static final Instant START = Instant.parse("2026-03-02T15:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final MailServer GREEN_MAIL =
      MailServer.withUser("ops@recruit.example", "ops", ServerSetupTest.SMTP);

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(START);
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private HttpServer hook;

  @BeforeEach
  void startHook() throws IOException {
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
          if (status == 200) {
            bodies.add(body);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    hook.start();
  }

  @AfterEach
  void stopHook() {
    hook.stop(0);
  }

  private TestNode open(AlertSettings alerts) {
    EngineConfig config = EngineConfig.builder().nodeId("sinks").workers(1).build();
    return TestNode.open(
        NodeOptions.withEnvironment(
                new StorageSettings(dir, TestPostgres.newDatabaseUrl(), false), config, false)
            .with(settings -> settings.withAlerts(alerts)),
        new Collaborators(clock, null, EngineListener.NONE, null));
  }

  private URI hookUrl() {
    return URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
  }

  /** A mailbox the engine cannot reach (nothing listens): credentials fail, it disconnects. */
  private static void disconnect(TestNode app, Scenario scenario) {
    app.database()
        .withConnection(
            c -> {
              try (var statement = c.createStatement()) {
                return statement.executeUpdate(
                    "UPDATE mailboxes SET status = 'disconnected', status_reason = '535 bad login'"
                        + " WHERE id = "
                        + scenario.mailboxId);
              }
            });
  }

  private static void reconnect(TestNode app, Scenario scenario) {
    app.mailboxes.updateCredentials(
        scenario.workspace, scenario.mailboxId, Map.of(), Map.of(), false);
  }

  @Test
  void the_webhook_gets_slack_compatible_json_on_firing_and_on_resolution() throws Exception {
    try (TestNode app = open(AlertSettings.DEFAULTS.withWebhook(hookUrl()))) {
      Scenario scenario = new Scenario(app);
      disconnect(app, scenario);
      app.alertEvaluator().evaluateAll();
      app.alertEvaluator().evaluateAll();
      reconnect(app, scenario);
      clock.advance(Duration.ofMinutes(1));
      app.alertEvaluator().evaluateAll();

      assertThat(bodies).hasSize(2);
      JsonNode fired = JSON.readTree(bodies.get(0));
      assertThat(fired.get("text").asText())
          .startsWith("[FIRING] mailbox_disconnected mailbox=" + scenario.mailboxId)
          .contains("535 bad login");
      assertThat(fired.get("status").asText()).isEqualTo("firing");
      assertThat(fired.get("rule").asText()).isEqualTo("mailbox_disconnected");
      assertThat(fired.get("key").asText())
          .isEqualTo("mailbox_disconnected:mailbox=" + scenario.mailboxId);
      assertThat(fired.get("workspace_id").asText()).isEqualTo(Long.toString(scenario.workspace));
      assertThat(fired.get("mailbox_id").asText()).isEqualTo(Long.toString(scenario.mailboxId));
      assertThat(fired.has("campaign_id")).isFalse();
      assertThat(fired.get("at").asText()).isEqualTo(START.toString());
      JsonNode resolved = JSON.readTree(bodies.get(1));
      assertThat(resolved.get("status").asText()).isEqualTo("resolved");
      assertThat(resolved.get("text").asText()).startsWith("[RESOLVED]");
      assertThat(resolved.get("at").asText()).isEqualTo(START.plusSeconds(60).toString());
    }
  }

  @Test
  void a_failing_webhook_is_retried_and_never_breaks_the_evaluation() {
    WebhookAlertSink sink =
        new WebhookAlertSink(
            hookUrl(),
            Duration.ofSeconds(2),
            List.of(Duration.ofMillis(10), Duration.ofMillis(10)));
    AlertRecord alert =
        new AlertRecord(
            7,
            1,
            "queue_lag:workspace=1",
            "queue_lag",
            "workspace=1",
            null,
            null,
            "The oldest due execution has waited 12 minutes",
            AlertStatus.FIRING,
            START,
            null,
            START);
    failuresLeft.set(2);
    sink.send(alert);
    assertThat(bodies).hasSize(1);

    failuresLeft.set(5); // more failures than attempts: logged, not thrown
    sink.send(alert);
    assertThat(bodies).hasSize(1);

    new WebhookAlertSink(URI.create("http://127.0.0.1:1/closed"), Duration.ofSeconds(1), List.of())
        .send(alert);
  }

  @Test
  void the_email_sink_sends_plain_text_through_the_configured_smtp_mailbox() throws Exception {
    // A fresh database: the scenario's mailbox is 1, the operators' mailbox created below is 2.
    long opsMailbox = 2;
    try (TestNode app =
        open(AlertSettings.DEFAULTS.withEmail("owner@recruit.example", opsMailbox))) {
      Scenario scenario = new Scenario(app);
      Mailbox ops = scenario.mailbox(GREEN_MAIL.mailbox().named("Campaign engine").dailyLimit(50));
      assertThat(ops.id()).isEqualTo(opsMailbox);
      disconnect(app, scenario);

      app.alertEvaluator().evaluateAll();
      app.alertEvaluator().evaluateAll();

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> GREEN_MAIL.getReceivedMessages().length == 1);
      MimeMessage mail = GREEN_MAIL.getReceivedMessages()[0];
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("owner@recruit.example");
      assertThat(mail.getFrom()[0].toString()).contains("ops@recruit.example");
      assertThat(mail.getSubject())
          .isEqualTo("[campaign-engine] Alert: mailbox_disconnected:mailbox=" + scenario.mailboxId);
      assertThat(GreenMailUtil.getBody(mail)).contains("[FIRING] mailbox_disconnected");
      assertThat(mail.getContentType()).startsWith("text/plain");
    }
  }
}
