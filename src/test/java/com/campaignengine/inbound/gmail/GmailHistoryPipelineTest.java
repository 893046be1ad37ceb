package com.campaignengine.inbound.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.memory.InMemoryTransport;
import com.campaignengine.mailbox.GmailSettings;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reply found through Gmail's history (Google's formats, local stub) stops the sequence. */
class GmailHistoryPipelineTest {
  @TempDir Path dataDir;

  @Test
  void a_reply_seen_in_gmail_history_stops_the_sequence_before_the_next_step() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    InMemoryTransport transport = new InMemoryTransport().keepMessages(true);
    try (GmailStub google = GmailStub.start();
        TestNode app = TestApplications.open(dataDir, clock, mailbox -> transport)) {
      GmailSettings endpoints = google.settings();
      Scenario scenario = new Scenario(app);
      Mailbox mailbox =
          app.mailboxes.create(
              scenario.workspace,
              new MailboxDraft(
                  "gmail",
                  "ada@gmail.example",
                  "Ada",
                  500,
                  null,
                  0,
                  0,
                  "UTC",
                  Map.of(
                      "gmail",
                      Map.of(
                          "client_id", GmailStub.CLIENT_ID,
                          "api_base_url", endpoints.apiBaseUrl().toString(),
                          "token_url", endpoints.tokenUrl().toString())),
                  Map.of(
                      "gmail.client_secret",
                      GmailStub.CLIENT_SECRET,
                      "gmail.refresh_token",
                      GmailStub.REFRESH_TOKEN)));
      Campaign campaign =
          app.campaigns.create(
              scenario.workspace,
              new CampaignDraft(
                  "g",
                  List.of(mailbox.id()),
                  null,
                  SendingWindow.ALWAYS,
                  true,
                  false,
                  false,
                  false,
                  3,
                  List.of(
                      Scenario.email("intro"),
                      Scenario.waitMinutes("w", 60),
                      Scenario.email("bump"))));
      app.campaigns.activate(scenario.workspace, campaign.id());
      scenario.enroll(campaign, scenario.people(1));
      app.engine().runUntilIdle();
      OutgoingMessage intro = transport.messages().get(0);
      assertThat(app.inbound().pollOnce()).as("bootstraps from the profile's historyId").isZero();

      String reply =
          "From: P0 <person0@example.org>\r\nTo: ada@gmail.example\r\nSubject: Re: "
              + intro.subject()
              + "\r\nMessage-ID: <gmail-reply-1@example.org>\r\nIn-Reply-To: "
              + intro.messageId()
              + "\r\n\r\nHappy to chat.\r\n";
      google.message("m1", reply.getBytes(StandardCharsets.UTF_8), clock.millis(), "INBOX");
      google.record(google.historyId + 1, "m1");

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
  }
}
