package com.campaignengine.inbound;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.readmodel.MailboxReading;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.MailServer;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Against a real SMTP and IMAP server (GreenMail) and a simulated clock: no reply is missed before
 * the first read, across a UIDVALIDITY change, while the IMAP password is wrong, or while the
 * engine is down; reading the same mail again records nothing twice. Replies are filed with their
 * INTERNALDATE at the simulated time.
 */
class ReadingWithoutGapsTest extends AppTestSupport {
  private static final String SENDER = "ada.gaps@recruit.example";
  private static final Duration WAIT = Duration.ofMinutes(60);

  @RegisterExtension static final MailServer MAIL = MailServer.withUser(SENDER, "ada-gaps");

  private List<Long> people;

  ReadingWithoutGapsTest() {
    super(Instant.parse("2026-03-09T14:00:00Z"), Mail.THROUGH_PROVIDERS);
  }

  /** A campaign from {@code mailbox}: an intro, an hour's wait, a bump; two people enrolled. */
  private Campaign campaignFrom(Mailbox mailbox) {
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("gaps")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"),
                    aWait("w", (int) WAIT.toMinutes(), WaitUnit.MINUTES),
                    anEmailStep("bump")));
    people = scenario.people(2);
    scenario.enroll(campaign, people);
    app.engine().runUntilIdle();
    assertThat(sentTo("person0@example.org")).hasSize(1);
    return campaign;
  }

  /** Person 0 answers the intro, received at {@code receivedAt}. */
  private void replyFromPerson0(Instant receivedAt) {
    MimeMessage intro = sentTo("person0@example.org")[0];
    try {
      MAIL.deliverToUser(
          """
          From: P0 <person0@example.org>
          To: %s
          Subject: Re: %s
          Message-ID: <gap-reply@example.org>
          In-Reply-To: %s

          Yes, let's talk.
          """
              .formatted(SENDER, intro.getSubject(), intro.getMessageID()),
          receivedAt);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MimeMessage[] sentTo(String address) {
    return Arrays.stream(MAIL.getReceivedMessages())
        .filter(
            m -> {
              try {
                return m.getAllRecipients()[0].toString().contains(address);
              } catch (Exception e) {
                return false;
              }
            })
        .toArray(MimeMessage[]::new);
  }

  private String status(Campaign campaign, int person) {
    return app.enrollments.list(scenario.workspace, campaign.id(), null, 0, 10).items().stream()
        .filter(e -> e.personId() == people.get(person))
        .findFirst()
        .orElseThrow()
        .status()
        .wireName();
  }

  /** After the wait: person 1 gets the bump, person 0 (who replied) does not. */
  private void bumpsGoOnlyToTheSilentOne(Campaign campaign) {
    clock.advance(WAIT.plusMinutes(1));
    app.engine().runUntilIdle();
    assertThat(status(campaign, 0)).isEqualTo("replied");
    assertThat(sentTo("person0@example.org")).as("no bump after a reply").hasSize(1);
    assertThat(sentTo("person1@example.org")).hasSize(2);
  }

  @Test
  void a_reply_delivered_before_the_first_read_stops_the_sequence() {
    Mailbox mailbox = scenario.mailbox(MAIL.mailbox().named("Ada"));
    Campaign campaign = campaignFrom(mailbox);
    replyFromPerson0(clock.instant().plusSeconds(5));

    assertThat(app.inbound().pollOnce())
        .as("the first read starts at the mailbox's creation")
        .isEqualTo(1);

    bumpsGoOnlyToTheSilentOne(campaign);
  }

  @Test
  void a_uidvalidity_change_loses_no_reply() {
    Mailbox mailbox = scenario.mailbox(MAIL.mailbox().named("Ada"));
    Campaign campaign = campaignFrom(mailbox);
    assertThat(app.inbound().pollOnce()).isZero();
    long validity = MAIL.uidValidity();
    clock.advance(Duration.ofMinutes(10));
    replyFromPerson0(clock.instant());

    MAIL.renumberInbox();
    assertThat(MAIL.uidValidity()).isNotEqualTo(validity);

    assertThat(app.inbound().pollOnce()).isEqualTo(1);
    bumpsGoOnlyToTheSilentOne(campaign);
  }

  @Test
  void reading_the_same_mail_again_records_nothing_twice() {
    Mailbox mailbox = scenario.mailbox(MAIL.mailbox().named("Ada"));
    Campaign campaign = campaignFrom(mailbox);
    replyFromPerson0(clock.instant().plusSeconds(5));
    assertThat(app.inbound().pollOnce()).isEqualTo(1);

    // Forget where reading stood: the next read starts again at the mailbox's creation.
    Sql.execute(url, "UPDATE inbound_checkpoints SET checkpoint = NULL, read_through = NULL");
    assertThat(app.inbound().pollOnce()).as("seen before: not processed again").isZero();
    MAIL.renumberInbox();
    assertThat(app.inbound().pollOnce()).isZero();

    assertThat(Sql.count(url, "SELECT count(*) FROM email_replies")).isEqualTo(1);
    assertThat(Sql.count(url, "SELECT count(*) FROM inbound_seen")).isEqualTo(1);
    assertThat(status(campaign, 0)).isEqualTo("replied");
  }

  @Test
  void replies_that_arrive_while_the_imap_password_is_wrong_are_read_once_it_is_fixed() {
    // Only IMAP is wrong: sending works, reading fails.
    MailboxDraft wrong =
        MAIL.mailbox().named("Ada").secret("imap.password", "not-the-password").build();
    Mailbox mailbox = app.mailboxes.create(scenario.workspace, wrong);
    Campaign campaign = campaignFrom(mailbox);
    app.startInbound(Duration.ofHours(1)); // a read now, then none for an hour
    long id = mailbox.id();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.mailboxes.reading(scenario.workspace, id).failing());
    MailboxReading failing = app.mailboxes.reading(scenario.workspace, id);
    assertThat(failing.lastError()).contains("IMAP");
    assertThat(failing.lastReadAt()).isNull();

    replyFromPerson0(clock.instant().plus(Duration.ofHours(2)));
    clock.advance(Duration.ofDays(3));
    // New credentials: the mailbox is read at once, not at the next hourly pass.
    app.mailboxes.updateCredentials(
        scenario.workspace,
        id,
        wrong.settings(),
        Map.of("imap.password", MailServer.PASSWORD),
        false);

    await().atMost(Duration.ofSeconds(20)).until(() -> status(campaign, 0).equals("replied"));
    MailboxReading recovered = app.mailboxes.reading(scenario.workspace, id);
    assertThat(recovered.failing()).isFalse();
    assertThat(recovered.lastReadAt()).isEqualTo(clock.instant());
    assertThat(recovered.lastError()).as("the last error stays, with its time").isNotNull();
    bumpsGoOnlyToTheSilentOne(campaign);
  }

  @Test
  void replies_that_arrive_while_the_engine_is_down_are_read_when_it_starts() {
    Mailbox mailbox = scenario.mailbox(MAIL.mailbox().named("Ada"));
    Campaign campaign = campaignFrom(mailbox);
    assertThat(app.inbound().pollOnce()).isZero();
    app.close();

    clock.advance(Duration.ofMinutes(20));
    replyFromPerson0(clock.instant());
    clock.advance(Duration.ofHours(6));
    app = TestApplications.open(url, dataDir, clock, transports(), "node-a");
    app.startInbound(Duration.ofHours(1)); // the first read comes at once

    await().atMost(Duration.ofSeconds(20)).until(() -> status(campaign, 0).equals("replied"));
    bumpsGoOnlyToTheSilentOne(campaign);
  }

  @Test
  void a_mailbox_created_while_the_node_runs_is_read_at_once() {
    Mailbox first = scenario.mailbox(MAIL.mailbox().named("Ada"));
    app.startInbound(Duration.ofHours(1)); // a pass now, the next one in an hour
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.mailboxes.reading(scenario.workspace, first.id()).lastReadAt() != null);

    Mailbox created = scenario.mailbox(MAIL.mailbox("ada.alias@recruit.example").named("Ada"));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.mailboxes.reading(scenario.workspace, created.id()).lastReadAt() != null);
  }
}
