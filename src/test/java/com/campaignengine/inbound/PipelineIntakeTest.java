package com.campaignengine.inbound;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.SoftBounceResends;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.inbound.InboundIntake.Fate;
import com.campaignengine.inbound.imap.ImapInbox;
import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings.Security;
import com.campaignengine.store.postgres.PostgresInboundStore;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.MailServer;
import com.campaignengine.testing.Sql;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the engine's check before a follow-up will do with a mailbox: look up mail from the people
 * due a follow-up (a real IMAP server), and feed what it finds through the inbound pipeline, which
 * records each message once however often it is found.
 */
class PipelineIntakeTest extends AppTestSupport {
  private static final String SENDER = "ada.intake@recruit.example";

  @RegisterExtension static final MailServer MAIL = MailServer.withUser(SENDER, "ada-intake");

  PipelineIntakeTest() {
    super(Instant.parse("2026-03-09T14:00:00Z"), Mail.THROUGH_PROVIDERS);
  }

  private InboundIntake intake() {
    PostgresInboundStore store = new PostgresInboundStore(app.database());
    return new PipelineIntake(
        store, new InboundProcessor(store, clock, SoftBounceResends.DEFAULTS), clock);
  }

  @Test
  void a_reply_found_by_a_sender_lookup_stops_the_sequence_and_is_recorded_once() throws Exception {
    Mailbox mailbox = scenario.mailbox(MAIL.mailbox().named("Ada"));
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("intake")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"), aWait("w", 60, WaitUnit.MINUTES), anEmailStep("bump")));
    scenario.enroll(campaign, scenario.people(2));
    Instant firstEmail = clock.instant();
    app.engine().runUntilIdle();
    MimeMessage intro = MAIL.getReceivedMessages()[0];
    String to = ((InternetAddress) intro.getAllRecipients()[0]).getAddress();
    MAIL.deliverToUser(
        """
        From: %s
        To: %s
        Subject: Re: %s
        Message-ID: <found-by-lookup@example.org>
        In-Reply-To: %s

        Yes, please call me.
        """
            .formatted(to, SENDER, intro.getSubject(), intro.getMessageID()),
        clock.instant().plusSeconds(30));
    // No Message-ID at all: known by a hash of its headers.
    MAIL.deliverToUser(
        "From: " + to + "\nTo: " + SENDER + "\nSubject: and one more thing\n\nP.S.\n",
        clock.instant().plusSeconds(40));

    List<RawInbound> found;
    try (ImapInbox inbox = new ImapInbox(imap())) {
      found = inbox.messagesFrom(Senders.addresses(Set.of(to, "person9@example.org")), firstEmail);
    }
    InboundIntake intake = intake();
    List<InboundIntake.Taken> first = intake.take(mailbox.id(), found);
    List<InboundIntake.Taken> again = intake.take(mailbox.id(), found);

    assertThat(first)
        .extracting(InboundIntake.Taken::fate, InboundIntake.Taken::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Fate.PROCESSED, InboundProcessor.Outcome.REPLY),
            org.assertj.core.groups.Tuple.tuple(Fate.PROCESSED, InboundProcessor.Outcome.REPLY));
    assertThat(again).extracting(InboundIntake.Taken::fate).containsOnly(Fate.ALREADY_SEEN);
    assertThat(Sql.count(url, "SELECT count(*) FROM email_replies"))
        .as("two replies, each recorded once")
        .isEqualTo(2);
    assertThat(
            Sql.count(url, "SELECT count(*) FROM inbound_seen WHERE message_key LIKE 'sha256:%'"))
        .isEqualTo(1);
    clock.advance(Duration.ofMinutes(61));
    app.engine().runUntilIdle();
    assertThat(MAIL.getReceivedMessages())
        .as("two intros, one bump: the one who replied gets none")
        .hasSize(2 + 2 + 1);
  }

  @Test
  void a_delivery_report_naming_another_mailboxs_email_bounces_nothing() throws Exception {
    Mailbox other = scenario.mailbox(MAIL.mailbox("grace.other@recruit.example").named("Grace"));
    Mailbox reader = scenario.mailbox(MAIL.mailbox().named("Ada"));
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign().named("other").sendingFrom(other.id()).withSteps(anEmailStep("intro")));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runUntilIdle();
    MimeMessage intro = MAIL.getReceivedMessages()[0];
    String to = ((InternetAddress) intro.getAllRecipients()[0]).getAddress();
    // Anyone can mail Ada's inbox a report that names Grace's email by its Message-ID.
    String forged =
        SoftBounceReports.failed("forged", SENDER, to, intro.getMessageID())
            .replace("Status: 4.2.2", "Status: 5.1.1")
            .replace("452 4.2.2 Mailbox full", "550 5.1.1 No such user");
    RawInbound report =
        new RawInbound("1:1", forged.getBytes(StandardCharsets.UTF_8), clock.instant());

    List<InboundIntake.Taken> taken = intake().take(reader.id(), List.of(report));

    assertThat(taken)
        .singleElement()
        .satisfies(t -> assertThat(t.outcome()).isEqualTo(InboundProcessor.Outcome.UNMATCHED));
    assertThat(Sql.count(url, "SELECT count(*) FROM email_bounces")).isZero();
    assertThat(Sql.count(url, "SELECT count(*) FROM suppressions")).isZero();
  }

  @Test
  void a_message_the_pipeline_cannot_handle_is_reported_and_not_remembered() {
    InboundIntake intake = intake();
    RawInbound fine =
        new RawInbound(
            "1:1",
            "Message-ID: <x@y>\r\nFrom: a@b.example\r\n\r\nhi".getBytes(StandardCharsets.UTF_8),
            clock.instant());

    // Mailbox 999 does not exist: nothing matches, which is an outcome, not a failure.
    assertThat(intake.take(999, List.of(fine)))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.fate()).isEqualTo(Fate.PROCESSED);
              assertThat(t.outcome()).isEqualTo(InboundProcessor.Outcome.UNMATCHED);
            });
    assertThat(PipelineIntake.key(null, "A: 1\r\n\r\nbody".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(PipelineIntake.key(null, "A: 1\r\n\r\nother".getBytes(StandardCharsets.UTF_8)))
        .startsWith("sha256:");
    assertThat(PipelineIntake.key("<" + "x".repeat(300) + "@y>", new byte[0]))
        .startsWith("sha256:");
  }

  private static ImapSettings imap() {
    return new ImapSettings(
        "127.0.0.1",
        MAIL.getImap().getPort(),
        "ada-intake",
        MailServer.PASSWORD,
        Security.NONE,
        null);
  }
}
