package com.campaignengine.mail.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.campaign.StepType;
import com.campaignengine.testing.MutableClock;
import com.campaignengine.testing.Scenario;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.testing.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Gmail mailbox end to end: OAuth refresh, threadId on follow-ups, revoked token, reconnect. */
class GmailMailboxEndToEndTest {
  @TempDir Path dataDir;

  private static Map<String, Map<String, Object>> settings(GoogleStubServer google) {
    return Map.of(
        "gmail",
        Map.of(
            "client_id",
            GoogleStubServer.CLIENT_ID,
            "api_base_url",
            google.baseUrl().toString(),
            "token_url",
            google.baseUrl() + GoogleStubServer.TOKEN));
  }

  @Test
  void follow_ups_join_the_gmail_thread_and_a_revoked_token_parks_sends_until_reconnected()
      throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    try (GoogleStubServer google = GoogleStubServer.start();
        TestNode app = TestApplications.open(dataDir, clock, null)) {
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
                  settings(google),
                  Map.of(
                      "gmail.client_secret",
                      GoogleStubServer.CLIENT_SECRET,
                      "gmail.refresh_token",
                      GoogleStubServer.REFRESH_TOKEN)),
              true);
      StepDraft bump =
          new StepDraft(
              "bump",
              StepType.EMAIL,
              new Step.EmailContent("x", "Bumping.", null, true),
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
                  "g",
                  List.of(mailbox.id()),
                  null,
                  SendingWindow.ALWAYS,
                  true,
                  false,
                  false,
                  false,
                  3,
                  List.of(Scenario.email("intro"), Scenario.waitMinutes("w", 60), bump)));
      app.campaigns.activate(scenario.workspace, campaign.id());
      scenario.enroll(campaign, scenario.people(2));

      app.engine().runUntilIdle();
      assertThat(google.sentCount()).isEqualTo(2);

      // The user revokes access: the token endpoint now answers invalid_grant.
      google.revokeAccessTokens();
      // One refusal is enough: the rest of the batch from this mailbox is not even attempted.
      google.enqueue(
          GoogleStubServer.TOKEN,
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
          settings(google),
          Map.of("gmail.refresh_token", GoogleStubServer.REFRESH_TOKEN),
          false);
      app.engine().runUntilIdle();
      assertThat(google.sentCount()).isEqualTo(4);
      var bumps = google.requests(GoogleStubServer.SEND).subList(2, 4);
      assertThat(bumps).allSatisfy(request -> assertThat(request.body()).contains("\"threadId\""));
    }
  }
}
