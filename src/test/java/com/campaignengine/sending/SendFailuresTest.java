package com.campaignengine.sending;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static com.campaignengine.testing.Mailboxes.anSmtpMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.Campaigns.StepBuilder;
import com.campaignengine.testing.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SendFailuresTest extends AppTestSupport {
  private static final String PASSWORD = "correct-horse-battery-staple-42";
  private static final Map<String, Object> SMTP =
      Map.of("host", "smtp.recruit.example", "port", 587, "username", "grace");

  private volatile MailTransport active = transport;
  private Mailbox smtp;

  SendFailuresTest() {
    super(Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Override
  protected TransportResolver transports() {
    return mailbox -> active;
  }

  @BeforeEach
  void createSmtpMailbox() {
    smtp =
        scenario.mailbox(
            anSmtpMailbox("grace@recruit.example")
                .named("Grace")
                .with("smtp", SMTP)
                .secret("smtp.password", PASSWORD));
  }

  private Campaign campaign(StepBuilder... steps) {
    return scenario.activeCampaign(
        aCampaign().named("c").sendingFrom(smtp.id()).withMaxAttempts(5).withSteps(steps));
  }

  @Test
  void revoked_credentials_disconnect_the_mailbox_park_its_sends_and_new_credentials_resume_them() {
    Campaign campaign = campaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(3));
    transport.failNext(new SendResult.AuthFailure("535 5.7.8 Username and Password not accepted"));

    app.engine().runUntilIdle();

    assertThat(app.mailboxes.get(scenario.workspace, smtp.id()).status()).isEqualTo("disconnected");
    assertThat(transport.sentCount()).isZero();
    assertThat(
            Sql.count(
                url, "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'paused'"))
        .as("parked, not failed")
        .isEqualTo(3);
    assertThat(
            Sql.count(
                url, "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'dead'"))
        .isZero();
    assertThat(
            Sql.count(
                url, "SELECT count(*) FROM engine_events WHERE kind = 'mailbox_disconnected'"))
        .isEqualTo(1);
    clock.advance(Duration.ofDays(2));
    assertThat(app.engine().runUntilIdle()).as("nothing runs while disconnected").isZero();

    app.mailboxes.updateCredentials(
        scenario.workspace,
        smtp.id(),
        Map.of("smtp", SMTP),
        Map.of("smtp.password", "a-new-app-password"),
        false);
    app.engine().runUntilIdle();

    assertThat(transport.sentCount()).isEqualTo(3);
    assertThat(app.mailboxes.get(scenario.workspace, smtp.id()).status()).isEqualTo("connected");
    assertThat(app.mailboxes.secretsOf(smtp.id()))
        .containsEntry("smtp.password", "a-new-app-password");
  }

  @Test
  void a_provider_rate_limit_defers_the_whole_mailbox_without_counting_an_attempt() {
    Campaign campaign = campaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(4));
    transport.failNext(
        new SendResult.RateLimited("403 userRateLimitExceeded", Duration.ofMinutes(15)));

    app.engine().runUntilIdle();

    // The first send hit the limit; the rest of the batch is not even attempted, and nothing
    // from this mailbox goes before the reset.
    long sentBefore = transport.sentCount();
    assertThat(sentBefore).isZero();
    scenario.enroll(campaign(anEmailStep("second")), List.of(scenario.people(5).get(4)));
    clock.advance(Duration.ofMinutes(14));
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(sentBefore);
    assertThat(Sql.count(url, "SELECT max(attempts) FROM campaign_sequence_executions")).isZero();

    clock.advance(Duration.ofMinutes(2));
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(5);
    assertThat(
            Sql.count(
                url, "SELECT count(*) FROM engine_events WHERE kind = 'mailbox_rate_limited'"))
        .isEqualTo(1);
  }

  @Test
  void a_same_thread_follow_up_replies_in_the_thread_of_the_previous_email() {
    active =
        new MailTransport() {
          @Override
          public SendResult send(OutgoingMessage message) {
            transport.send(message);
            return new SendResult.Sent("gmail-" + transport.sentCount(), "thread-77");
          }

          @Override
          public String name() {
            return "threaded";
          }
        };
    StepBuilder bump =
        anEmailStep("bump").subject("Following up").body("Hi again {{first_name}}").inSameThread();
    Campaign campaign = campaign(anEmailStep("intro"), bump);
    scenario.enroll(campaign, scenario.people(1));

    app.engine().runUntilIdle();

    List<OutgoingMessage> sent = transport.messages();
    assertThat(sent).hasSize(2);
    OutgoingMessage intro = sent.get(0);
    OutgoingMessage followUp = sent.get(1);
    assertThat(followUp.threading().inReplyTo()).isEqualTo(intro.messageId());
    assertThat(followUp.threading().references()).containsExactly(intro.messageId());
    assertThat(followUp.subject()).isEqualTo("Re: " + intro.subject());
    assertThat(followUp.threading().threadId()).isEqualTo("thread-77");
  }

  @Test
  void no_secret_appears_in_clear_text_in_the_database_or_the_logs() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      Campaign campaign = campaign(anEmailStep("intro"));
      scenario.enroll(campaign, scenario.people(2));
      transport.failNext(new SendResult.AuthFailure("535 authentication failed"));
      app.engine().runUntilIdle();
    } finally {
      root.detachAppender(logs);
    }
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(line -> line.contains(PASSWORD));
    assertThat(smtp.toString()).doesNotContain(PASSWORD);
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT settings::text, secrets FROM mailboxes WHERE id = " + smtp.id())) {
      rs.next();
      assertThat(rs.getString(1)).doesNotContain(PASSWORD).contains("smtp.recruit.example");
      assertThat(new String(rs.getBytes(2), StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
      assertThat(rs.getBytes(2)).isNotEmpty();
    }
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT string_agg(t::text, ' ') FROM (SELECT * FROM engine_events) t")) {
      rs.next();
      assertThat(String.valueOf(rs.getString(1))).doesNotContain(PASSWORD);
    }
  }
}
