package com.campaignengine.inbound;

import static com.campaignengine.testing.Campaigns.aWait;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.GatedTransport;
import com.campaignengine.testing.Sql;
import com.campaignengine.testing.TestApplications;
import com.campaignengine.tracking.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A re-send after a soft bounce is fenced like any send: a pause or archive of the campaign, or the
 * bounce itself, that commits while a batch holds the work sends nothing the batch has not handed
 * over yet. The provider takes each message only when the test lets it, so the batch is held at a
 * known point without sleeps; delivery reports are pushed through the signed generic webhook.
 */
class SoftBounceResendRaceTest extends AppTestSupport {
  private static final Duration FOUR_HOURS = Duration.ofHours(4);

  private final GatedTransport provider = new GatedTransport();
  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  SoftBounceResendRaceTest() {
    super(Instant.parse("2026-03-09T14:00:00Z"));
  }

  @Override
  protected TransportResolver transports() {
    return mailbox -> provider;
  }

  @AfterEach
  void letEverythingGo() {
    provider.open();
    worker.shutdownNow();
  }

  /**
   * An active campaign (intro, pause, bump) with {@code people} enrolled, their intros sent one by
   * one: a provider this slow gets one send per hand-over, as a network provider does.
   */
  private Campaign sentTo(int people, Duration pause) throws Exception {
    Campaign campaign =
        scenario.activeCampaign(
            anEmailStep("intro"),
            aWait("pause", (int) pause.toMinutes(), WaitUnit.MINUTES),
            anEmailStep("bump"));
    scenario.enroll(campaign, scenario.people(people));
    Future<Integer> intros = worker.submit(() -> app.engine().runUntilIdle());
    for (int i = 1; i <= people; i++) {
      int entered = i;
      await().atMost(Duration.ofSeconds(30)).until(() -> provider.entered() >= entered);
      provider.letThrough(1);
    }
    intros.get(60, TimeUnit.SECONDS);
    assertThat(provider.sent()).isEqualTo(people);
    return campaign;
  }

  /** Runs one engine batch in the background and returns once its first message is held. */
  private Future<Integer> batchHeldAtItsFirstMessage() {
    int before = provider.entered();
    Future<Integer> batch = worker.submit(() -> app.engine().runDueOnce());
    await().atMost(Duration.ofSeconds(30)).until(() -> provider.entered() == before + 1);
    return batch;
  }

  private String messageIdSentTo(String address, int resend) {
    return Sql.text(
            url,
            "SELECT message_id FROM email_sends s JOIN campaign_sequence_steps st"
                + " ON st.id = s.step_id WHERE st.step_key = 'intro' AND s.resend = "
                + resend
                + " AND s.to_address = '"
                + address
                + "'")
        .orElseThrow();
  }

  /** The mailbox's MTA reports the intro to {@code address} as not delivered (mailbox full). */
  private void softBounceOfIntro(String address) {
    String raw =
        SoftBounceReports.failed(
            "dsn-" + address, "ada@recruit.example", address, messageIdSentTo(address, 0));
    String body =
        "{\"mailbox_id\":\""
            + scenario.mailboxId
            + "\",\"raw\":\""
            + Base64.getEncoder()
                .encodeToString(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))
            + "\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String signature =
        "sha256="
            + WebhookSignatures.signHmacSha256Hex(
                bytes, TestApplications.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(app.api().inboundWebhooks().generic(bytes, signature).outcome()).isEqualTo("bounce");
  }

  private long rows(String sql) {
    return Sql.count(url, sql);
  }

  private static List<String> addresses(int people) {
    return java.util.stream.IntStream.range(0, people)
        .mapToObj(i -> "person" + i + "@example.org")
        .toList();
  }

  @Test
  void resends_held_in_a_batch_when_the_campaign_is_paused_go_out_only_after_resume()
      throws Exception {
    Campaign campaign = sentTo(3, Duration.ofDays(3));
    addresses(3).forEach(this::softBounceOfIntro);
    clock.advance(FOUR_HOURS);
    Future<Integer> batch = batchHeldAtItsFirstMessage();

    app.campaigns.pause(scenario.workspace, campaign.id());
    provider.open();
    assertThat(batch.get(60, TimeUnit.SECONDS)).isEqualTo(3);

    assertThat(provider.sent())
        .as("only the re-send that was with the provider when the pause returned")
        .isEqualTo(3 + 1);
    assertThat(rows("SELECT count(*) FROM email_sends WHERE resend = 1")).isEqualTo(1);
    app.engine().runUntilIdle();
    assertThat(provider.sent()).isEqualTo(4);

    app.campaigns.resume(scenario.workspace, campaign.id());
    app.engine().runUntilIdle();
    assertThat(provider.sent()).isEqualTo(6);
    assertThat(provider.duplicates()).isZero();
    assertThat(rows("SELECT count(*) FROM email_sends WHERE resend = 1 AND status = 'sent'"))
        .isEqualTo(3);
    clock.advance(Duration.ofDays(3));
    app.engine().runUntilIdle();
    assertThat(provider.sent()).as("and the bumps after them").isEqualTo(9);
  }

  @Test
  void resends_held_in_a_batch_when_the_campaign_is_archived_never_go_out() throws Exception {
    Campaign campaign = sentTo(3, Duration.ofDays(3));
    addresses(3).forEach(this::softBounceOfIntro);
    clock.advance(FOUR_HOURS);
    Future<Integer> batch = batchHeldAtItsFirstMessage();

    app.campaigns.archive(scenario.workspace, campaign.id());
    provider.open();
    batch.get(60, TimeUnit.SECONDS);

    assertThat(provider.sent()).isEqualTo(3 + 1);
    clock.advance(Duration.ofDays(3));
    app.engine().runUntilIdle();
    assertThat(provider.sent()).isEqualTo(4);
    assertThat(rows("SELECT count(*) FROM email_sends WHERE resend = 1")).isEqualTo(1);
  }

  @Test
  void a_soft_bounce_fences_the_next_email_a_batch_already_holds() throws Exception {
    sentTo(2, Duration.ofDays(1));
    clock.advance(Duration.ofDays(1));
    Future<Integer> batch = batchHeldAtItsFirstMessage();
    List<String> entered = provider.enteredRecipients();
    String withTheProvider = entered.get(entered.size() - 1);
    String bounced =
        addresses(2).stream().filter(a -> !a.equals(withTheProvider)).findFirst().orElseThrow();

    // The bounced person's bump is claimed and reserved in the batch, not yet handed over.
    softBounceOfIntro(bounced);
    provider.open();
    batch.get(60, TimeUnit.SECONDS);

    assertThat(provider.enteredRecipients())
        .as("the bump to the person whose intro bounced was not sent")
        .containsExactly(entered.get(0), entered.get(1), withTheProvider);
    assertThat(
            rows(
                "SELECT count(*) FROM email_sends WHERE to_address = '"
                    + bounced
                    + "' AND status <> 'sent'"))
        .isZero();
    clock.advance(FOUR_HOURS);
    app.engine().runUntilIdle();
    assertThat(provider.sent()).as("the intro again").isEqualTo(4);
    assertThat(messageIdSentTo(bounced, 1)).isNotEqualTo(messageIdSentTo(bounced, 0));
    clock.advance(Duration.ofDays(1));
    app.engine().runUntilIdle();
    assertThat(provider.sent()).as("then the bump").isEqualTo(5);
    assertThat(provider.enteredRecipients().subList(3, 5)).containsOnly(bounced);
    assertThat(provider.duplicates()).isZero();
  }
}
