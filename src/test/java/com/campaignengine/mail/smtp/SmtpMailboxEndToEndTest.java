package com.campaignengine.mail.smtp;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.MailServer;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A mailbox configured like a user would, sending through real SMTP with sealed credentials. */
class SmtpMailboxEndToEndTest extends AppTestSupport {
  @RegisterExtension
  static final MailServer MAIL =
      MailServer.withUser(SmtpTestServers.EMAIL, SmtpTestServers.LOGIN, ServerSetupTest.SMTP);

  SmtpMailboxEndToEndTest() {
    super(Instant.parse("2026-03-02T09:00:00Z"), Mail.THROUGH_PROVIDERS);
  }

  private static MailboxDraft smtpMailbox(String password) {
    return MAIL.mailbox().named("Sam Recruiter").secret("smtp.password", password).build();
  }

  @Test
  void a_campaign_sends_through_smtp_with_a_threaded_follow_up() throws Exception {
    assertThatThrownBy(() -> app.mailboxes.create(scenario.workspace, smtpMailbox("wrong"), true))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("refused");
    Mailbox mailbox =
        app.mailboxes.create(scenario.workspace, smtpMailbox(SmtpTestServers.PASSWORD), true);
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("smtp")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"),
                    anEmailStep("bump").subject("ignored").body("Bumping this.").inSameThread()));
    scenario.enroll(campaign, scenario.people(1));

    app.engine().runUntilIdle();

    MimeMessage[] received = MAIL.getReceivedMessagesForDomain("example.org");
    assertThat(received).hasSize(2);
    MimeMessage intro = received[0];
    MimeMessage followUp = received[1];
    assertThat(followUp.getHeader("In-Reply-To")[0]).isEqualTo(intro.getMessageID());
    assertThat(followUp.getHeader("References")[0]).contains(intro.getMessageID());
    assertThat(followUp.getSubject()).isEqualTo("Re: " + intro.getSubject());
    assertThat(intro.getFrom()[0].toString()).contains("Sam Recruiter");
  }
}
