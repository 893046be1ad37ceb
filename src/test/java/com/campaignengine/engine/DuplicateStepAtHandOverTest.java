package com.campaignengine.engine;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.GatedTransport;
import com.campaignengine.testing.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sends are written when they are handed over, not when the batch reserves them, and the database
 * holds one send of a step per enrollment: a send of the step that appears for the enrollment
 * between the two (only a loop an older server accepted could write one) makes the hand-over skip
 * this send, without failing the rest of the batch, and the next run dead-letters it as {@code
 * duplicate_step}. Nothing is sent twice.
 */
class DuplicateStepAtHandOverTest extends AppTestSupport {
  private final GatedTransport provider = new GatedTransport();
  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  DuplicateStepAtHandOverTest() {
    super(Instant.parse("2026-03-02T14:00:00Z"));
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

  @Test
  void a_send_of_the_step_written_after_the_reservation_is_not_handed_over_and_dead_letters()
      throws Exception {
    Campaign campaign = scenario.activeCampaign(anEmailStep("a"));
    List<Long> people = scenario.people(2);
    scenario.enroll(campaign, people);

    // The batch reserves both sends and holds the first one at the provider.
    Future<Integer> batch = worker.submit(() -> app.engine().runDueOnce());
    await().atMost(Duration.ofSeconds(30)).until(() -> provider.entered() == 1);
    String first = provider.enteredRecipients().get(0);
    String enrollmentAndStep =
        "SELECT e.enrollment_id || ',' || e.step_id FROM campaign_sequence_executions e"
            + " JOIN campaign_sequence_leads l ON l.id = e.enrollment_id"
            + " JOIN people p ON p.id = l.person_id"
            + " WHERE lower(p.email_address) <> lower('"
            + first
            + "')";
    String[] other = Sql.text(url, enrollmentAndStep).orElseThrow().split(",");
    Sql.execute(
        url,
        "INSERT INTO email_sends (workspace_id, campaign_id, enrollment_id, execution_id, step_id,"
            + " mailbox_id, message_id, to_address, subject, status, created_at) VALUES ("
            + scenario.workspace
            + ", "
            + campaign.id()
            + ", "
            + other[0]
            + ", -1, "
            + other[1]
            + ", "
            + scenario.mailboxId
            + ", '<written-meanwhile@x>', 'someone@x.example', 's', 'sent', now())");

    provider.open();
    assertThat(batch.get(60, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(provider.entered()).as("handed to the provider").isEqualTo(1);
    // The batch itself went well: the first send is recorded, the second only waits.
    assertThat(Sql.count(url, "SELECT count(*) FROM email_sends WHERE status = 'sent'"))
        .isEqualTo(2);
    assertThat(
            Sql.text(
                url,
                "SELECT string_agg(coalesce(error_class, '-'), ',' ORDER BY error_class)"
                    + " FROM campaign_sequence_executions WHERE enrollment_id = "
                    + other[0]))
        .contains("not_handed_over");

    clock.advance(Duration.ofMinutes(5));
    app.engine().runUntilIdle();

    assertThat(provider.sent()).isEqualTo(1);
    assertThat(Sql.count(url, "SELECT count(*) FROM email_sends")).isEqualTo(2);
    var dead = app.deadLetters.list(scenario.workspace, campaign.id(), 0, 10).items();
    assertThat(dead)
        .singleElement()
        .satisfies(d -> assertThat(d.errorClass()).isEqualTo("duplicate_step"));
  }
}
