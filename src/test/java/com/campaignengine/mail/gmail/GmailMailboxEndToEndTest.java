package com.campaignengine.mail.gmail;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.GmailStub;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Gmail mailbox end to end: OAuth refresh, threadId on follow-ups, revoked token, reconnect. */
class GmailMailboxEndToEndTest extends AppTestSupport {
  @RegisterExtension final GmailStub google = GmailStub.start();

  GmailMailboxEndToEndTest() {
    super(Instant.parse("2026-03-02T09:00:00Z"), Mail.THROUGH_PROVIDERS);
  }

  @Test
  void follow_ups_join_the_gmail_thread_and_a_revoked_token_parks_sends_until_reconnected()
      throws Exception {
    Mailbox mailbox =
        app.mailboxes.create(
            scenario.workspace, google.mailbox("ada@gmail.example").named("Ada").build(), true);
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("g")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"),
                    aWait("w", 60, WaitUnit.MINUTES),
                    anEmailStep("bump").subject("x").body("Bumping.").inSameThread()));
    scenario.enroll(campaign, scenario.people(2));

    app.engine().runUntilIdle();
    assertThat(google.sentCount()).isEqualTo(2);

    // The user revokes access: the token endpoint now answers invalid_grant.
    google.revokeAccessTokens();
    // One refusal is enough: the rest of the batch from this mailbox is not even attempted.
    google.enqueue(
        GmailStub.TOKEN,
        400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
    clock.advance(Duration.ofMinutes(61));
    app.engine().runUntilIdle();
    assertThat(app.mailboxes.get(scenario.workspace, mailbox.id()).status())
        .isEqualTo("disconnected");
    assertThat(google.sentCount()).isEqualTo(2);

    app.mailboxes.updateCredentials(
        scenario.workspace,
        mailbox.id(),
        Map.of("gmail", google.mailboxSettings()),
        Map.of("gmail.refresh_token", GmailStub.REFRESH_TOKEN),
        false);
    app.engine().runUntilIdle();
    assertThat(google.sentCount()).isEqualTo(4);
    var bumps = google.requests(GmailStub.SEND).subList(2, 4);
    assertThat(bumps).allSatisfy(request -> assertThat(request.body()).contains("\"threadId\""));
  }
}
