package com.campaignengine.inbound;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.SoftBounceResends;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.Campaigns.StepBuilder;
import com.campaignengine.testing.MailServer;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestPostgres;
import com.campaignengine.tracking.WebhookSignatures;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13, item 4: a soft bounce sends the bounced step again 4 hours later (at most twice) before
 * the sequence goes on. With a real SMTP and IMAP server: the engine sends through it, the delivery
 * reports are read from the sender's inbox, and the engine's clock is moved by hand.
 */
class SoftBounceResendTest extends AppTestSupport {
  private static final String SENDER = "ada.smtp@recruit.example";
  private static final String PERSON = "person0@example.org";
  private static final Duration FOUR_HOURS = Duration.ofHours(4);

  @RegisterExtension static final MailServer MAIL = MailServer.withUser(SENDER, "ada");

  private Mailbox mailbox;

  SoftBounceResendTest() {
    super(Instant.parse("2026-03-09T14:00:00Z"), Mail.THROUGH_PROVIDERS);
  }

  /** A campaign from the GreenMail mailbox with these steps, one person enrolled and sent to. */
  private Campaign enrolledIn(StepBuilder... steps) {
    mailbox = scenario.mailbox(MAIL.mailbox().named("Ada"));
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign().named("resends").sendingFrom(mailbox.id()).withSteps(steps));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runUntilIdle();
    return campaign;
  }

  /** What the engine sent, oldest first (the sender's own inbox holds the reports). */
  private static List<MimeMessage> sent() {
    return Arrays.stream(MAIL.getReceivedMessages())
        .filter(m -> recipient(m).contains(PERSON))
        .toList();
  }

  private static MimeMessage lastSent() {
    List<MimeMessage> sent = sent();
    return sent.get(sent.size() - 1);
  }

  private static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(MimeMessage m, String name) {
    try {
      String[] values = m.getHeader(name);
      return values == null ? null : values[0];
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mailbox's MTA reports {@code original} as not delivered (mailbox full); read it. */
  private void softBounce(String reportId, MimeMessage original) throws Exception {
    MAIL.deliverToUser(
        SoftBounceReports.failed(reportId, SENDER, PERSON, original.getMessageID()),
        clock.instant());
    assertThat(app.inbound().pollOnce()).isEqualTo(1);
  }

  private void runAfter(Duration duration) {
    clock.advance(duration);
    app.engine().runUntilIdle();
  }

  private List<Long> resendNumbers() {
    return app.database()
        .inTransaction(
            c -> {
              List<Long> numbers = new java.util.ArrayList<>();
              try (var rs =
                  c.createStatement().executeQuery("SELECT resend FROM email_sends ORDER BY id")) {
                while (rs.next()) {
                  numbers.add(rs.getLong(1));
                }
              }
              return numbers;
            });
  }

  private String enrollmentStatus(Campaign campaign) {
    return app.enrollments
        .list(scenario.workspace, campaign.id(), null, 0, 10)
        .items()
        .get(0)
        .status()
        .wireName();
  }

  private long count(String sql) {
    return Sql.count(url, sql);
  }

  @Test
  void a_soft_bounce_sends_the_step_again_four_hours_later_then_the_sequence_goes_on()
      throws Exception {
    Campaign campaign =
        enrolledIn(
            anEmailStep("intro"),
            aWait("pause", 2, WaitUnit.DAYS),
            anEmailStep("bump").inSameThread());
    app.outboundWebhooks.create(
        scenario.workspace, "http://127.0.0.1:9/hooks", List.of("email.bounced"), null);
    MimeMessage intro = lastSent();
    Instant bouncedAt = clock.instant();

    softBounce("dsn-1", intro);

    runAfter(FOUR_HOURS.minusSeconds(1));
    assertThat(sent()).as("nothing before the delay is up").hasSize(1);
    runAfter(Duration.ofSeconds(1));
    assertThat(sent()).hasSize(2);
    MimeMessage again = lastSent();
    assertThat(again.getSubject()).isEqualTo(intro.getSubject());
    assertThat(again.getMessageID()).isNotEqualTo(intro.getMessageID());
    assertThat(header(again, "From")).isEqualTo(header(intro, "From"));
    assertThat(header(again, "In-Reply-To")).as("a first email, as the step is").isNull();
    assertThat(resendNumbers()).containsExactly(0L, 1L);
    assertThat(count("SELECT count(DISTINCT step_id) FROM email_sends")).isEqualTo(1);
    assertThat(enrollmentStatus(campaign)).isEqualTo("active");

    // The bounce says what it did, in the webhook event too.
    assertThat(count("SELECT count(*) FROM email_bounces WHERE resend_number = 1")).isEqualTo(1);
    assertThat(
            Sql.text(
                url,
                "SELECT payload::text FROM webhook_deliveries WHERE event_type = 'email.bounced'"))
        .get()
        .asString()
        .contains("\"resend_number\": 1")
        .contains("\"resend_at\": \"" + bouncedAt.plus(FOUR_HOURS) + "\"")
        .contains("\"hard\": false");

    // The sequence goes on from the re-sent step: the bump two days after it, in its thread.
    runAfter(Duration.ofDays(2).minusSeconds(1));
    assertThat(sent()).hasSize(2);
    runAfter(Duration.ofSeconds(1));
    assertThat(sent()).hasSize(3);
    MimeMessage bump = lastSent();
    assertThat(header(bump, "In-Reply-To")).isEqualTo(again.getMessageID());
    assertThat(header(bump, "References"))
        .as("the bounced email never arrived")
        .doesNotContain(intro.getMessageID());
    assertThat(resendNumbers()).containsExactly(0L, 1L, 0L);
    assertThat(enrollmentStatus(campaign)).isEqualTo("completed");
  }

  @Test
  void a_follow_up_sent_again_is_threaded_as_the_step_was() throws Exception {
    enrolledIn(
        anEmailStep("intro"),
        aWait("pause", 1, WaitUnit.DAYS),
        anEmailStep("bump").inSameThread(),
        aWait("later", 3, WaitUnit.DAYS),
        anEmailStep("last"));
    MimeMessage intro = lastSent();
    runAfter(Duration.ofDays(1));
    MimeMessage bump = lastSent();
    assertThat(header(bump, "In-Reply-To")).isEqualTo(intro.getMessageID());

    softBounce("dsn-1", bump);
    runAfter(FOUR_HOURS);

    assertThat(sent()).hasSize(3);
    MimeMessage again = lastSent();
    assertThat(again.getSubject()).isEqualTo(bump.getSubject());
    assertThat(header(again, "In-Reply-To"))
        .as("in reply to the intro, not to the bump that bounced")
        .isEqualTo(intro.getMessageID());
    assertThat(header(again, "References")).doesNotContain(bump.getMessageID());
    assertThat(resendNumbers()).containsExactly(0L, 0L, 1L);
    runAfter(Duration.ofDays(3));
    assertThat(sent()).hasSize(4);
  }

  @Test
  void at_most_two_resends_then_the_third_soft_bounce_suppresses_the_address() throws Exception {
    Campaign campaign =
        enrolledIn(anEmailStep("intro"), aWait("pause", 2, WaitUnit.DAYS), anEmailStep("bump"));

    softBounce("dsn-1", lastSent());
    runAfter(FOUR_HOURS);
    assertThat(sent()).hasSize(2);
    softBounce("dsn-2", lastSent());
    runAfter(FOUR_HOURS);
    assertThat(sent()).hasSize(3);
    assertThat(resendNumbers()).containsExactly(0L, 1L, 2L);

    softBounce("dsn-3", lastSent());

    assertThat(enrollmentStatus(campaign)).isEqualTo("bounced");
    assertThat(count("SELECT count(*) FROM suppressions WHERE email = '" + PERSON + "'"))
        .isEqualTo(1);
    runAfter(FOUR_HOURS);
    runAfter(Duration.ofDays(2));
    assertThat(sent()).hasSize(3);
    assertThat(count("SELECT count(*) FROM email_bounces WHERE resend_number IS NULL"))
        .isEqualTo(1);
  }

  @Test
  void the_resends_allowed_are_the_servers_and_the_last_only_counts() throws Exception {
    reopenWith(new SoftBounceResends(Duration.ofHours(1), 1));
    Campaign campaign =
        enrolledIn(anEmailStep("intro"), aWait("pause", 2, WaitUnit.DAYS), anEmailStep("bump"));

    softBounce("dsn-1", lastSent());
    runAfter(Duration.ofHours(1));
    assertThat(sent()).hasSize(2);
    softBounce("dsn-2", lastSent());

    assertThat(enrollmentStatus(campaign))
        .as("the second soft bounce of the address only counts")
        .isEqualTo("active");
    runAfter(Duration.ofHours(4));
    assertThat(sent()).hasSize(2);
    runAfter(Duration.ofDays(2));
    assertThat(sent()).as("the sequence goes on: the bump").hasSize(3);
    assertThat(resendNumbers()).containsExactly(0L, 1L, 0L);
  }

  @Test
  void a_soft_bounce_of_an_email_a_later_one_followed_sends_nothing_again() throws Exception {
    Campaign campaign =
        enrolledIn(
            anEmailStep("intro"),
            aWait("pause", 1, WaitUnit.DAYS),
            anEmailStep("bump"),
            aWait("later", 2, WaitUnit.DAYS),
            anEmailStep("last"));
    MimeMessage intro = lastSent();
    runAfter(Duration.ofDays(1));
    assertThat(sent()).hasSize(2);
    MimeMessage bump = lastSent();
    long waiting = count("SELECT id FROM campaign_sequence_executions WHERE status = 'pending'");

    softBounce("dsn-late", intro);

    assertThat(count("SELECT id FROM campaign_sequence_executions WHERE status = 'pending'"))
        .as("the wait after the bump goes on untouched")
        .isEqualTo(waiting);
    runAfter(FOUR_HOURS);
    assertThat(sent()).hasSize(2);
    assertThat(count("SELECT count(*) FROM email_bounces WHERE resend_number IS NULL"))
        .isEqualTo(1);

    // The latest email's bounce does send it again, and the sequence goes on after it.
    softBounce("dsn-bump", bump);
    runAfter(FOUR_HOURS);
    assertThat(sent()).hasSize(3);
    assertThat(lastSent().getSubject()).isEqualTo(bump.getSubject());
    runAfter(Duration.ofDays(2));
    assertThat(sent()).hasSize(4);
    assertThat(resendNumbers()).containsExactly(0L, 0L, 1L, 0L);
    assertThat(enrollmentStatus(campaign)).isEqualTo("completed");
  }

  @Test
  void turned_off_by_either_setting_a_soft_bounce_is_only_recorded() throws Exception {
    assertThat(stepsSentAroundASoftBounce(SoftBounceResends.DEFAULTS))
        .as("on: the intro again, then the bump")
        .containsExactly("intro", "intro", "bump");
    assertThat(stepsSentAroundASoftBounce(new SoftBounceResends(Duration.ZERO, 2)))
        .as("no delay: off, the sequence goes on as it was")
        .containsExactly("intro", "bump");
    assertThat(stepsSentAroundASoftBounce(new SoftBounceResends(FOUR_HOURS, 0)))
        .as("no re-sends: off")
        .containsExactly("intro", "bump");
    assertThat(count("SELECT count(*) FROM email_bounces WHERE NOT hard")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM email_bounces WHERE resend_number IS NULL"))
        .isEqualTo(1);
  }

  /**
   * On a fresh node and database with these settings: the intro soft-bounces at once, two days and
   * four hours pass; the keys of the steps sent, in order.
   */
  private List<String> stepsSentAroundASoftBounce(SoftBounceResends resends) throws Exception {
    MAIL.purgeEmailFromAllMailboxes();
    reopenWith(resends);
    enrolledIn(anEmailStep("intro"), aWait("pause", 2, WaitUnit.DAYS), anEmailStep("bump"));
    softBounce("dsn-1", lastSent());
    runAfter(FOUR_HOURS);
    runAfter(Duration.ofDays(2));
    return app.database()
        .inTransaction(
            c -> {
              List<String> keys = new java.util.ArrayList<>();
              try (var rs =
                  c.createStatement()
                      .executeQuery(
                          "SELECT st.step_key FROM email_sends s JOIN campaign_sequence_steps st"
                              + " ON st.id = s.step_id ORDER BY s.id")) {
                while (rs.next()) {
                  keys.add(rs.getString(1));
                }
              }
              return keys;
            });
  }

  @Test
  void the_same_report_twice_or_two_reports_of_one_bounce_send_the_step_again_once()
      throws Exception {
    enrolledIn(anEmailStep("intro"), aWait("pause", 2, WaitUnit.DAYS), anEmailStep("bump"));
    MimeMessage intro = lastSent();
    String report = SoftBounceReports.failed("dsn-1", SENDER, PERSON, intro.getMessageID());
    MAIL.deliverToUser(report, clock.instant());
    assertThat(app.inbound().pollOnce()).isEqualTo(1);

    // The same report pushed as well as read, and another report of the same bounce.
    assertThat(push(report)).isEqualTo("bounce");
    assertThat(count("SELECT count(*) FROM email_bounces")).as("one report, once").isEqualTo(1);
    clock.advance(Duration.ofMinutes(30));
    assertThat(push(SoftBounceReports.failed("dsn-2", SENDER, PERSON, intro.getMessageID())))
        .isEqualTo("bounce");
    assertThat(count("SELECT count(*) FROM email_bounces")).isEqualTo(2);

    assertThat(
            count(
                "SELECT count(*) FROM campaign_sequence_executions"
                    + " WHERE resend = 1 AND status = 'pending'"))
        .isEqualTo(1);
    runAfter(FOUR_HOURS.minus(Duration.ofMinutes(30)));
    assertThat(sent()).as("due four hours after the first report").hasSize(2);
    runAfter(FOUR_HOURS);
    assertThat(sent()).hasSize(2);
    assertThat(resendNumbers()).containsExactly(0L, 1L);
    runAfter(Duration.ofDays(2));
    assertThat(sent()).hasSize(3);
  }

  @Test
  void a_delay_warning_sends_nothing_again_the_failure_after_it_does() throws Exception {
    enrolledIn(anEmailStep("intro"), aWait("pause", 2, WaitUnit.DAYS), anEmailStep("bump"));
    MimeMessage intro = lastSent();
    MAIL.deliverToUser(
        SoftBounceReports.delayed("dsn-delay", SENDER, PERSON, intro.getMessageID()),
        clock.instant());
    assertThat(app.inbound().pollOnce()).isEqualTo(1);

    runAfter(FOUR_HOURS);
    assertThat(sent()).as("the server still tries: the email may yet arrive").hasSize(1);

    softBounce("dsn-failed", intro);
    runAfter(FOUR_HOURS);
    assertThat(sent()).hasSize(2);
    assertThat(resendNumbers()).containsExactly(0L, 1L);
  }

  /** A fresh node and database with other soft-bounce settings. */
  private void reopenWith(SoftBounceResends resends) {
    app.close();
    url = TestPostgres.newDatabaseUrl();
    app =
        TestApplications.open(
            url, dataDir, clock, transports(), "node-a", e -> e.softBounceResends(resends));
    scenario = new Scenario(app);
  }

  /** Pushes a raw message to the generic inbound webhook, as a provider would; its outcome. */
  private String push(String raw) {
    String body =
        "{\"mailbox_id\":\""
            + mailbox.id()
            + "\",\"raw\":\""
            + Base64.getEncoder()
                .encodeToString(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))
            + "\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String signature =
        "sha256="
            + WebhookSignatures.signHmacSha256Hex(
                bytes, TestApplications.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8));
    return app.api().inboundWebhooks().generic(bytes, signature).outcome();
  }
}
