package com.campaignengine.inbound.gmail;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.GmailStub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reply found through Gmail's history (Google's formats, local stub) stops the sequence. */
class GmailHistoryPipelineTest extends AppTestSupport {
  @RegisterExtension final GmailStub google = GmailStub.start();

  GmailHistoryPipelineTest() {
    super(Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void a_reply_seen_in_gmail_history_stops_the_sequence_before_the_next_step() throws Exception {
    Mailbox mailbox = scenario.mailbox(google.mailbox("ada@gmail.example").named("Ada"));
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("g")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"), aWait("w", 60, WaitUnit.MINUTES), anEmailStep("bump")));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runUntilIdle();
    OutgoingMessage intro = transport.messages().get(0);
    assertThat(app.inbound().pollOnce()).as("nothing yet; goes on from the history id").isZero();

    String reply =
        "From: P0 <person0@example.org>\r\nTo: ada@gmail.example\r\nSubject: Re: "
            + intro.subject()
            + "\r\nMessage-ID: <gmail-reply-1@example.org>\r\nIn-Reply-To: "
            + intro.messageId()
            + "\r\n\r\nHappy to chat.\r\n";
    google.message("m1", reply.getBytes(StandardCharsets.UTF_8), clock.millis(), "INBOX");
    google.record(google.historyId() + 1, "m1");

    assertThat(app.inbound().pollOnce()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(61));
    app.engine().runUntilIdle();

    assertThat(transport.sentCount()).as("no bump after the reply").isEqualTo(1);
    assertThat(
            app.enrollments
                .list(scenario.workspace, campaign.id(), null, 0, 10)
                .items()
                .get(0)
                .status()
                .wireName())
        .isEqualTo("replied");
  }

  @Test
  void a_reply_in_a_gap_of_expired_history_is_read_by_date_and_stops_the_sequence() {
    Mailbox mailbox = scenario.mailbox(google.mailbox("ada@gmail.example").named("Ada"));
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("g")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"), aWait("w", 60, WaitUnit.MINUTES), anEmailStep("bump")));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runUntilIdle();
    OutgoingMessage intro = transport.messages().get(0);
    assertThat(app.inbound().pollOnce()).isZero();

    // The reply arrives while the engine is not reading, and Google forgets that history.
    clock.advance(Duration.ofMinutes(30));
    google.message("gap", reply(intro, "<gap-reply@example.org>"), clock.millis(), "INBOX");
    google.record(google.historyId() + 1, "gap");
    google.expireHistoryBefore(google.historyId() + 1);

    assertThat(app.inbound().pollOnce()).isEqualTo(1);
    assertThat(google.requests(GmailStub.LIST))
        .as("re-read by date: messages.list with after:")
        .anySatisfy(r -> assertThat(r.params().get("q")).startsWith("after:"));
    assertThat(app.inbound().pollOnce()).as("read once").isZero();
    clock.advance(Duration.ofMinutes(31));
    app.engine().runUntilIdle();

    assertThat(transport.sentCount()).as("no bump after the reply").isEqualTo(1);
  }

  @Test
  void a_reply_that_arrived_before_the_first_read_stops_the_sequence() {
    Mailbox mailbox = scenario.mailbox(google.mailbox("ada@gmail.example").named("Ada"));
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("g")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"), aWait("w", 60, WaitUnit.MINUTES), anEmailStep("bump")));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runUntilIdle();
    OutgoingMessage intro = transport.messages().get(0);
    google.message("early", reply(intro, "<early@example.org>"), clock.millis(), "INBOX");
    google.record(google.historyId() + 1, "early");

    assertThat(app.inbound().pollOnce()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(61));
    app.engine().runUntilIdle();

    assertThat(transport.sentCount()).as("no bump after the reply").isEqualTo(1);
  }

  private static byte[] reply(OutgoingMessage intro, String messageId) {
    return ("From: P0 <person0@example.org>\r\nTo: ada@gmail.example\r\nSubject: Re: "
            + intro.subject()
            + "\r\nMessage-ID: "
            + messageId
            + "\r\nIn-Reply-To: "
            + intro.messageId()
            + "\r\n\r\nHappy to chat.\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
