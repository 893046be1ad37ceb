package com.campaignengine.inbound;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.MailServer;
import com.campaignengine.testing.Sql;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** IMAP IDLE: a reply is read as soon as it arrives, long before the next periodic poll. */
class ImapIdleTest extends AppTestSupport {
  private static final String SENDER = "idle.sender@recruit.example";

  @RegisterExtension static final MailServer MAIL = MailServer.withUser(SENDER, "idle");

  ImapIdleTest() {
    super(Instant.parse("2026-03-09T14:00:00Z"), Mail.THROUGH_PROVIDERS);
  }

  @Test
  void a_reply_is_read_through_idle_without_waiting_for_the_next_poll() throws Exception {
    Mailbox mailbox = scenario.mailbox(MAIL.mailbox().named("Sam"));
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("idle")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"), aWait("w", 60, WaitUnit.MINUTES), anEmailStep("bump")));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runUntilIdle();
    MimeMessage intro = MAIL.getReceivedMessages()[0];

    app.startInbound(Duration.ofHours(1)); // one read now, then only IDLE until an hour passes
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Sql.count(
                        url,
                        "SELECT count(*) FROM inbound_checkpoints WHERE checkpoint IS NOT NULL")
                    == 1);

    String reply =
        "From: person0@example.org\r\nTo: "
            + SENDER
            + "\r\nSubject: Re: "
            + intro.getSubject()
            + "\r\nMessage-ID: <idle-reply@example.org>\r\nIn-Reply-To: "
            + intro.getMessageID()
            + "\r\n\r\nYes, let's talk.\r\n";
    MAIL.deliverToUser(reply);

    // GreenMail may miss a delivery that lands while IDLE is being set up (real servers send
    // EXISTS at once), so unrelated mail keeps arriving until the reply has been read.
    AtomicInteger noise = new AtomicInteger();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              boolean replied =
                  Sql.count(
                          url,
                          "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'replied'")
                      == 1;
              if (!replied) {
                int n = noise.incrementAndGet();
                MAIL.deliverToUser(
                    "From: news@else.example\r\nTo: "
                        + SENDER
                        + "\r\nSubject: News "
                        + n
                        + "\r\nMessage-ID: <noise-"
                        + n
                        + "@else.example>\r\n\r\nNews.\r\n");
              }
              return replied;
            });
    assertThat(Sql.count(url, "SELECT count(*) FROM email_replies")).isEqualTo(1);
  }
}
