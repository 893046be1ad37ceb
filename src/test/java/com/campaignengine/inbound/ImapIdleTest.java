package com.campaignengine.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.campaignengine.testing.TestPostgres;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** IMAP IDLE: a reply is read as soon as it arrives, long before the next periodic poll. */
class ImapIdleTest {
  private static final String SENDER = "idle.sender@recruit.example";

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(ServerSetupTest.SMTP_IMAP)
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(SENDER, "idle", "secret"));

  @TempDir Path dataDir;

  private static void deliver(String raw) throws Exception {
    GREEN_MAIL
        .getUserManager()
        .getUserByEmail(SENDER)
        .deliver(
            new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void a_reply_is_read_through_idle_without_waiting_for_the_next_poll() throws Exception {
    String url = TestPostgres.newDatabaseUrl();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-09T14:00:00Z"));
    try (TestNode app = TestApplications.open(url, dataDir, clock, null, "node-a")) {
      Scenario scenario = new Scenario(app);
      Map<String, Object> smtp =
          Map.of(
              "host",
              "127.0.0.1",
              "port",
              GREEN_MAIL.getSmtp().getPort(),
              "username",
              "idle",
              "security",
              "none");
      Map<String, Object> imap =
          Map.of(
              "host",
              "127.0.0.1",
              "port",
              GREEN_MAIL.getImap().getPort(),
              "username",
              "idle",
              "security",
              "none");
      Mailbox mailbox =
          app.mailboxes.create(
              scenario.workspace,
              new MailboxDraft(
                  "smtp",
                  SENDER,
                  "Sam",
                  500,
                  null,
                  0,
                  0,
                  "UTC",
                  Map.of("smtp", smtp, "imap", imap),
                  Map.of("smtp.password", "secret", "imap.password", "secret")));
      Campaign campaign =
          app.campaigns.create(
              scenario.workspace,
              new CampaignDraft(
                  "idle",
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
      MimeMessage intro = GREEN_MAIL.getReceivedMessages()[0];

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
      deliver(reply);

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
                  deliver(
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
}
