package com.campaignengine.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.campaign.StepType;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A mailbox configured like a user would, sending through real SMTP with sealed credentials. */
class SmtpMailboxEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = SmtpTestServers.greenMail(ServerSetupTest.SMTP);

  @TempDir Path dataDir;

  private static MailboxDraft smtpMailbox(String password) {
    return new MailboxDraft(
        "smtp",
        SmtpTestServers.EMAIL,
        "Sam Recruiter",
        500,
        null,
        0,
        0,
        "UTC",
        Map.of(
            "smtp",
            Map.of(
                "host",
                "127.0.0.1",
                "port",
                GREEN_MAIL.getSmtp().getPort(),
                "username",
                SmtpTestServers.LOGIN,
                "security",
                "none")),
        Map.of("smtp.password", password));
  }

  @Test
  void a_campaign_sends_through_smtp_with_a_threaded_follow_up() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    try (TestNode app = TestApplications.open(dataDir, clock, null)) {
      Scenario scenario = new Scenario(app);
      assertThatThrownBy(() -> app.mailboxes.create(scenario.workspace, smtpMailbox("wrong"), true))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("refused");
      Mailbox mailbox =
          app.mailboxes.create(scenario.workspace, smtpMailbox(SmtpTestServers.PASSWORD), true);
      StepDraft bump =
          new StepDraft(
              "bump",
              StepType.EMAIL,
              new Step.EmailContent("ignored", "Bumping this.", null, true),
              null,
              null,
              false,
              null,
              null,
              null);
      Campaign campaign =
          app.campaigns.create(
              scenario.workspace,
              new CampaignDraft(
                  "smtp",
                  List.of(mailbox.id()),
                  null,
                  SendingWindow.ALWAYS,
                  true,
                  false,
                  false,
                  false,
                  3,
                  List.of(Scenario.email("intro"), bump)));
      app.campaigns.activate(scenario.workspace, campaign.id());
      scenario.enroll(campaign, scenario.people(1));

      app.engine().runUntilIdle();

      MimeMessage[] received = GREEN_MAIL.getReceivedMessagesForDomain("example.org");
      assertThat(received).hasSize(2);
      MimeMessage intro = received[0];
      MimeMessage followUp = received[1];
      assertThat(followUp.getHeader("In-Reply-To")[0]).isEqualTo(intro.getMessageID());
      assertThat(followUp.getHeader("References")[0]).contains(intro.getMessageID());
      assertThat(followUp.getSubject()).isEqualTo("Re: " + intro.getSubject());
      assertThat(intro.getFrom()[0].toString()).contains("Sam Recruiter");
    }
  }
}
