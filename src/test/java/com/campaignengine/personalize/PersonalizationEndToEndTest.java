package com.campaignengine.personalize;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.campaignengine.testing.TestPostgres;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through the engine, with a local server in OpenAI's chat-completions format. */
class PersonalizationEndToEndTest {
  private static final String PERSONAL =
      "Hi P0, your work on distributed schedulers is exactly what our team needs. Open to a chat?";

  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final InMemoryTransport transport = new InMemoryTransport().keepMessages(true);
  private final AtomicInteger calls = new AtomicInteger();
  private volatile int status = 200;
  private volatile boolean hang;
  private HttpServer server;

  private URI startModelServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          calls.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          if (hang) {
            return; // never answers
          }
          byte[] body =
              (status == 200
                      ? "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\""
                          + PERSONAL
                          + "\"},\"finish_reason\":\"stop\"}]}"
                      : "{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private TestNode app(int budget) throws Exception {
    OpenAiCompatiblePersonalizer model =
        new OpenAiCompatiblePersonalizer(
            startModelServer(), null, "local", Duration.ofMillis(500), 1);
    return TestApplications.open(
        TestPostgres.newDatabaseUrl(),
        dataDir,
        clock,
        mailbox -> transport,
        "node-a",
        model,
        budget);
  }

  private static Campaign campaign(Scenario scenario) {
    return scenario.activeCampaign(
        scenario
            .campaign()
            .named("ai")
            .withSteps(
                anEmailStep("intro")
                    .subject("Hello {{first_name}}")
                    .body("Hi {{first_name}}, would you be open to a chat?")
                    .personalized(
                        "Mention their scheduler work.",
                        60,
                        Map.of("job_description", "Staff engineer, distributed scheduling"))));
  }

  @Test
  void the_personalized_text_is_sent_recorded_and_cached() throws Exception {
    try (TestNode app = app(100)) {
      Scenario scenario = new Scenario(app);
      scenario.enroll(campaign(scenario), scenario.people(1));
      app.engine().runUntilIdle();

      assertThat(transport.messages())
          .singleElement()
          .satisfies(m -> assertThat(m.body().text()).isEqualTo(PERSONAL));
      assertThat(
              Sql.count(
                  app.database().dataSource(),
                  "SELECT count(*) FROM email_sends WHERE personalized AND body_text LIKE 'Hi P0, your work%'"))
          .isEqualTo(1);
      assertThat(
              Sql.count(app.database().dataSource(), "SELECT count(*) FROM personalization_cache"))
          .isEqualTo(1);
    }
  }

  @Test
  void an_error_or_a_silent_server_falls_back_to_the_template_and_says_why() throws Exception {
    try (TestNode app = app(100)) {
      Scenario scenario = new Scenario(app);
      Campaign campaign = campaign(scenario);
      status = 500;
      scenario.enroll(campaign, List.of(scenario.people(2).get(0)));
      app.engine().runUntilIdle();
      hang = true;
      scenario.enroll(campaign, List.of(scenario.people(2).get(1)));
      app.engine().runUntilIdle();

      assertThat(transport.messages())
          .extracting(m -> m.body().text())
          .containsExactly(
              "Hi P0, would you be open to a chat?", "Hi P1, would you be open to a chat?");
      assertThat(
              Sql.count(
                  app.database().dataSource(),
                  "SELECT count(*) FROM email_sends WHERE NOT personalized AND personalization_fallback LIKE '%HTTP 500%'"))
          .isEqualTo(1);
      assertThat(
              Sql.count(
                  app.database().dataSource(),
                  "SELECT count(*) FROM email_sends WHERE personalization_fallback LIKE '%timeout%'"))
          .isEqualTo(1);
    }
  }

  @Test
  void the_daily_budget_is_enforced_per_workspace() throws Exception {
    try (TestNode app = app(1)) {
      Scenario scenario = new Scenario(app);
      scenario.enroll(campaign(scenario), scenario.people(3));
      app.engine().runUntilIdle();

      assertThat(calls.get()).isEqualTo(1);
      assertThat(
              Sql.count(
                  app.database().dataSource(),
                  "SELECT count(*) FROM email_sends WHERE personalization_fallback = 'daily AI budget used up'"))
          .isEqualTo(2);
    }
  }
}
