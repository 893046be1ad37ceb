package com.campaignengine.mail.microsoft;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.GraphStub;
import com.campaignengine.testing.GraphStub.Call;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code microsoft} mailbox through the real engine and Graph's formats: first emails as drafts
 * sent, a reply read from the Inbox delta stops its person's sequence, the other person's
 * same-thread follow-up is a reply in the same conversation, and a revoked grant disconnects the
 * mailbox until new credentials reconnect it.
 */
class MicrosoftMailboxEndToEndTest extends AppTestSupport {
  @RegisterExtension final GraphStub graph = GraphStub.start();

  MicrosoftMailboxEndToEndTest() {
    super(Instant.parse("2026-03-02T09:00:00Z"), Mail.THROUGH_PROVIDERS);
  }

  /**
   * Microsoft rotates refresh tokens on every redemption; the one the engine stored is replaced by
   * the newest, sealed, so a mailbox does not end with the lifetime of the token it was connected
   * with.
   */
  @Test
  void the_refresh_token_microsoft_rotates_is_stored_sealed() {
    Mailbox mailbox =
        app.mailboxes.create(
            scenario.workspace, graph.mailbox(GraphStub.ADDRESS).named("Sam").build(), false);
    assertThat(app.mailboxes.secretsOf(mailbox.id()))
        .containsEntry("microsoft.refresh_token", GraphStub.REFRESH_TOKEN);
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign().named("r").sendingFrom(mailbox.id()).withSteps(anEmailStep("intro")));
    scenario.enroll(campaign, scenario.people(1));

    app.engine().runUntilIdle();

    assertThat(graph.sentCount()).isEqualTo(1);
    String stored = app.mailboxes.secretsOf(mailbox.id()).get("microsoft.refresh_token");
    assertThat(stored).startsWith("M.stub-rotated-").isNotEqualTo(GraphStub.REFRESH_TOKEN);
    assertThat(app.mailboxes.secretsOf(mailbox.id())).containsKey("microsoft.client_secret");
  }

  @Test
  void a_reply_stops_the_sequence_and_the_follow_up_joins_the_outlook_conversation() {
    Mailbox mailbox =
        app.mailboxes.create(
            scenario.workspace, graph.mailbox(GraphStub.ADDRESS).named("Sam").build(), true);
    assertThat(graph.requests(Call.ME)).as("verified with GET /me").hasSize(1);
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("m")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"),
                    aWait("w", 60, WaitUnit.MINUTES),
                    anEmailStep("bump").subject("x").body("Bumping.").inSameThread()));
    scenario.enroll(campaign, scenario.people(2));

    app.engine().runUntilIdle();
    assertThat(graph.sentCount()).isEqualTo(2);
    GraphStub.Message toP0 =
        graph.sent().stream().filter(m -> m.to.contains("person0@example.org")).findFirst().get();
    assertThat(app.inbound().pollOnce()).as("nothing in the Inbox yet").isZero();

    clock.advance(Duration.ofMinutes(10));
    graph.receive(
        ("From: P0 <person0@example.org>\r\nTo: "
                + GraphStub.ADDRESS
                + "\r\nSubject: Re: "
                + toP0.subject
                + "\r\nMessage-ID: <reply-1@example.org>\r\nIn-Reply-To: "
                + toP0.internetMessageId
                + "\r\nDate: Mon, 2 Mar 2026 09:10:00 +0000\r\n\r\nHappy to chat.\r\n")
            .getBytes(StandardCharsets.UTF_8),
        clock.instant());
    assertThat(app.inbound().pollOnce()).isEqualTo(1);
    assertThat(graph.requests(Call.DELTA)).isNotEmpty();

    clock.advance(Duration.ofMinutes(51));
    app.engine().runUntilIdle();

    assertThat(graph.sentCount()).as("one bump: person0 replied").isEqualTo(3);
    GraphStub.Message bump = graph.sent().get(2);
    assertThat(bump.to).containsExactly("person1@example.org");
    GraphStub.Message toP1 =
        graph.sent().stream().filter(m -> m.to.contains("person1@example.org")).findFirst().get();
    assertThat(bump.conversationId).isEqualTo(toP1.conversationId);
    assertThat(graph.requests(Call.CREATE_REPLY)).hasSize(1);
    assertThat(
            app.enrollments.list(scenario.workspace, campaign.id(), null, 0, 10).items().stream()
                .map(e -> e.status().wireName())
                .toList())
        .contains("replied");
  }

  @Test
  void the_reply_check_before_a_follow_up_finds_a_reply_the_delta_has_not_read_yet() {
    Mailbox mailbox =
        app.mailboxes.create(
            scenario.workspace, graph.mailbox(GraphStub.ADDRESS).named("Sam").build(), false);
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("m")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"),
                    aWait("w", 60, WaitUnit.MINUTES),
                    anEmailStep("bump").subject("x").body("Bumping.").inSameThread()));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runUntilIdle();
    GraphStub.Message intro = graph.sent().get(0);

    clock.advance(Duration.ofMinutes(30));
    graph.receive(
        ("From: P0 <person0@example.org>\r\nTo: "
                + GraphStub.ADDRESS
                + "\r\nSubject: Re: "
                + intro.subject
                + "\r\nMessage-ID: <reply-2@example.org>\r\nIn-Reply-To: "
                + intro.internetMessageId
                + "\r\n\r\nNot now, thanks.\r\n")
            .getBytes(StandardCharsets.UTF_8),
        clock.instant());
    clock.advance(Duration.ofMinutes(31));
    app.engine().runUntilIdle();

    assertThat(graph.sentCount()).as("the reply check found the reply: no bump").isEqualTo(1);
    assertThat(graph.requests(Call.LIST))
        .anySatisfy(r -> assertThat(r.params().get("$filter")).startsWith("receivedDateTime ge "));
  }

  @Test
  void a_revoked_grant_disconnects_the_mailbox_until_reconnected() {
    Mailbox mailbox =
        app.mailboxes.create(
            scenario.workspace, graph.mailbox(GraphStub.ADDRESS).named("Sam").build(), true);
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign()
                .named("m")
                .sendingFrom(mailbox.id())
                .withSteps(
                    anEmailStep("intro"),
                    aWait("w", 60, WaitUnit.MINUTES),
                    anEmailStep("bump").subject("x").body("Bumping.").inSameThread()));
    scenario.enroll(campaign, scenario.people(2));
    app.engine().runUntilIdle();
    assertThat(graph.sentCount()).isEqualTo(2);

    graph.revokeGrant();
    clock.advance(Duration.ofMinutes(61));
    app.engine().runUntilIdle();
    assertThat(app.mailboxes.get(scenario.workspace, mailbox.id()).status())
        .isEqualTo("disconnected");
    assertThat(graph.sentCount()).isEqualTo(2);

    graph.restoreGrant();
    app.mailboxes.updateCredentials(
        scenario.workspace,
        mailbox.id(),
        Map.of("microsoft", graph.mailboxSettings()),
        Map.of("microsoft.refresh_token", GraphStub.REFRESH_TOKEN),
        false);
    app.engine().runUntilIdle();
    assertThat(graph.sentCount()).isEqualTo(4);
  }
}
