package com.campaignengine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.engine.TransportResolver;
import com.campaignengine.testing.GatedTransport;
import com.campaignengine.testing.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 4: once a pause, stop or archive has returned, at most the messages already
 * handed to the provider at that instant go out. A batch of eight is held at its fourth message (a
 * provider that takes each message only when the test lets it), the API call is made, then the
 * provider is let go: the rest of the batch must not follow.
 */
class ApiPauseStopsClaimedSendsTest extends ApiTestSupport.ServerPerTest {
  private static final int PEOPLE = 8;
  private static final int LET_THROUGH = 3;

  private final GatedTransport provider = new GatedTransport();
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private final Map<String, String> personByEmail = new LinkedHashMap<>();
  private String campaign;

  @Override
  TransportResolver transports() {
    return mailbox -> provider;
  }

  @BeforeEach
  void aCampaignWithEightPeople() {
    String mailbox = createMailbox();
    campaign = createCampaignFrom(mailbox);
    activate(campaign);
    for (int i = 0; i < PEOPLE; i++) {
      String email = "p" + i + "@example.org";
      personByEmail.put(email, createPerson(email, "P" + i));
    }
    enrollIn(campaign, personByEmail.values().toArray(String[]::new));
  }

  @AfterEach
  void letEverythingGo() {
    provider.open();
    worker.shutdownNow();
  }

  /**
   * Runs one engine batch in the background, lets {@link #LET_THROUGH} messages through one by one
   * and returns while the next one is with the provider.
   */
  private Future<Integer> batchHeldMidway() {
    Future<Integer> batch = worker.submit(() -> app.engine().runDueOnce());
    for (int i = 1; i <= LET_THROUGH; i++) {
      int entered = i;
      await().atMost(Duration.ofSeconds(30)).until(() -> provider.entered() >= entered);
      provider.letThrough(1);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> provider.entered() == LET_THROUGH + 1);
    return batch;
  }

  /** Sends handed to the provider: marked, or already recorded as sent. */
  private long handedOver() {
    return rows("SELECT count(*) FROM email_sends WHERE status IN ('sending', 'sent')");
  }

  private long rows(String sql) {
    return Sql.count(app.database().dataSource(), sql);
  }

  /** Lets the provider go, waits for the batch, and returns how many went out after {@code at}. */
  private long sentAfter(long sentAt, Future<Integer> batch) throws Exception {
    provider.open();
    assertThat(batch.get(60, TimeUnit.SECONDS)).isEqualTo(PEOPLE);
    return provider.sent() - sentAt;
  }

  private void assertAtMostTheHandedOverWentOut(long sentAt, long handedOver, long after) {
    assertThat(sentAt).isEqualTo(LET_THROUGH);
    assertThat(provider.sent())
        .as("sent in all: at most what was handed over when the call returned")
        .isLessThanOrEqualTo(handedOver);
    assertThat(after)
        .as("sent after the call returned: the message with the provider")
        .isEqualTo(1);
  }

  private String enrollmentNotYetSent() {
    List<String> entered = provider.enteredRecipients();
    for (JsonNode enrollment : items(get("/api/v1/campaigns/" + campaign + "/enrollments"))) {
      String person = enrollment.get("person_id").asText();
      String email =
          personByEmail.entrySet().stream()
              .filter(e -> e.getValue().equals(person))
              .findFirst()
              .orElseThrow()
              .getKey();
      if (!entered.contains(email)) {
        return enrollment.get("id").asText();
      }
    }
    throw new AssertionError("every enrollment's email was handed over");
  }

  @Test
  void a_campaign_paused_mid_batch_sends_nothing_more_and_resumed_sends_the_rest_once()
      throws Exception {
    Future<Integer> batch = batchHeldMidway();

    assertThat(post("/api/v1/campaigns/" + campaign + "/pause", "").status()).isEqualTo(200);
    long sentAt = provider.sent();
    long handedOver = handedOver();
    long after = sentAfter(sentAt, batch);

    assertAtMostTheHandedOverWentOut(sentAt, handedOver, after);
    assertThat(rows("SELECT count(*) FROM email_sends"))
        .as("written when handed over; the rest only reserved, and released")
        .isEqualTo(LET_THROUGH + 1);
    assertThat(rows("SELECT sent_today FROM mailboxes"))
        .as("the released reservations were given back")
        .isEqualTo(LET_THROUGH + 1);

    assertThat(post("/api/v1/campaigns/" + campaign + "/resume", "").status()).isEqualTo(200);
    app.engine().runUntilIdle();
    assertThat(provider.sent()).isEqualTo(PEOPLE);
    assertThat(provider.duplicates()).isZero();
    assertThat(rows("SELECT count(*) FROM email_sends WHERE status = 'sent'")).isEqualTo(PEOPLE);
    assertThat(rows("SELECT sent_today FROM mailboxes")).isEqualTo(PEOPLE);
  }

  @Test
  void a_campaign_archived_mid_batch_sends_nothing_more() throws Exception {
    Future<Integer> batch = batchHeldMidway();

    assertThat(post("/api/v1/campaigns/" + campaign + "/archive", "").status()).isEqualTo(200);
    long sentAt = provider.sent();
    long handedOver = handedOver();
    long after = sentAfter(sentAt, batch);

    assertAtMostTheHandedOverWentOut(sentAt, handedOver, after);
    app.engine().runUntilIdle();
    assertThat(provider.sent()).isEqualTo(LET_THROUGH + 1);
  }

  @Test
  void an_enrollment_stopped_while_its_email_waits_in_the_batch_gets_nothing() throws Exception {
    Future<Integer> batch = batchHeldMidway();
    String stopped = enrollmentNotYetSent();

    assertThat(post("/api/v1/enrollments/" + stopped + "/stop", "").status()).isEqualTo(200);
    long sentAt = provider.sent();
    long after = sentAfter(sentAt, batch);

    assertThat(after).as("the rest of the batch goes on").isEqualTo(PEOPLE - LET_THROUGH - 1);
    assertThat(provider.sent()).isEqualTo(PEOPLE - 1);
    assertThat(get("/api/v1/enrollments/" + stopped).body().get("status").asText())
        .isEqualTo("stopped");
    app.engine().runUntilIdle();
    assertThat(provider.sent()).isEqualTo(PEOPLE - 1);
  }

  @Test
  void an_enrollment_paused_while_its_email_waits_in_the_batch_gets_it_once_resumed()
      throws Exception {
    Future<Integer> batch = batchHeldMidway();
    String paused = enrollmentNotYetSent();

    assertThat(post("/api/v1/enrollments/" + paused + "/pause", "{}").status()).isEqualTo(200);
    long sentAt = provider.sent();
    sentAfter(sentAt, batch);

    assertThat(provider.sent()).isEqualTo(PEOPLE - 1);
    assertThat(post("/api/v1/enrollments/" + paused + "/resume", "").status()).isEqualTo(200);
    app.engine().runUntilIdle();
    assertThat(provider.sent()).isEqualTo(PEOPLE);
    assertThat(provider.duplicates()).isZero();
  }
}
