package com.campaignengine.sending;

import static com.campaignengine.testing.Campaigns.aCampaign;
import static com.campaignengine.testing.Campaigns.anEmailStep;
import static com.campaignengine.testing.Mailboxes.anSmtpMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.alerts.AlertEvaluator;
import com.campaignengine.alerts.AlertRecord;
import com.campaignengine.app.MailboxSecrets;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.secrets.SecretBox;
import com.campaignengine.store.postgres.PostgresMailboxStore;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.Sql;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 12 (third bullet): a mailbox's credentials that a node cannot unseal (a node
 * with another key, or damaged secrets) are never the send's fault. The work waits, with no attempt
 * counted and nothing dead-lettered, and an alert names the node.
 */
class SecretUnavailableTest extends AppTestSupport {
  private static final int PEOPLE = 5;

  /** How this node opens a mailbox's secrets before it sends through it (as ProviderTransports). */
  private volatile LongFunction<Map<String, String>> secrets;

  private Mailbox smtp;

  SecretUnavailableTest() {
    super(Instant.parse("2026-03-02T15:00:00Z"));
  }

  @Override
  protected TransportResolver transports() {
    return mailbox -> {
      secrets.apply(mailbox.id());
      return transport;
    };
  }

  @BeforeEach
  void anSmtpMailboxWithAPassword() {
    smtp =
        scenario.mailbox(
            anSmtpMailbox("grace@recruit.example")
                .with("smtp", Map.of("host", "smtp.recruit.example", "port", 587))
                .secret("smtp.password", "correct-horse-battery-staple-42"));
    secrets = id -> app.mailboxes.secretsOf(id);
  }

  /** Secrets opened with a key other than the one they were sealed with. */
  private LongFunction<Map<String, String>> anotherKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    MailboxSecrets other =
        new MailboxSecrets(new PostgresMailboxStore(app.database()), new SecretBox(key));
    return other::open;
  }

  private Campaign campaignWithPeople() {
    Campaign campaign =
        scenario.activeCampaign(
            aCampaign().sendingFrom(smtp.id()).withMaxAttempts(1).withSteps(anEmailStep("intro")));
    scenario.enroll(campaign, scenario.people(PEOPLE));
    return campaign;
  }

  private long rows(String sql) {
    return Sql.count(url, sql);
  }

  private void assertTheWorkWaits(Instant now) {
    assertThat(transport.sentCount()).isZero();
    assertThat(rows("SELECT count(*) FROM campaign_sequence_executions WHERE status = 'dead'"))
        .as("dead-lettered")
        .isZero();
    assertThat(
            rows(
                "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'pending'"
                    + " AND attempts = 0 AND error_class = 'secret_unavailable'"
                    + " AND scheduled_at > '"
                    + now
                    + "'"))
        .as("pending for later, no attempt counted")
        .isEqualTo(PEOPLE);
    assertThat(rows("SELECT count(*) FROM email_sends")).as("nothing reserved").isZero();
    assertThat(rows("SELECT count(*) FROM campaign_sequence_leads WHERE status = 'active'"))
        .isEqualTo(PEOPLE);
  }

  @Test
  void a_node_with_another_key_leaves_the_sends_waiting_and_an_alert_names_it() {
    campaignWithPeople();
    secrets = anotherKey();

    app.engine().runUntilIdle();

    assertTheWorkWaits(clock.instant());
    AlertEvaluator alerts = app.alertEvaluator();
    assertThat(alerts.evaluate(scenario.workspace).fired())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.rule()).isEqualTo("secret_unavailable");
              assertThat(alert.message())
                  .contains("cannot be unsealed on node node-a")
                  .contains("grace@recruit.example");
            });

    // A node with the right key sends them when they are due again, once each.
    secrets = id -> app.mailboxes.secretsOf(id);
    clock.advance(Duration.ofMinutes(2));
    app.engine().runUntilIdle();
    assertThat(transport.sentCount()).isEqualTo(PEOPLE);
    assertThat(transport.duplicateCount()).isZero();
    assertThat(rows("SELECT count(*) FROM campaign_sequence_executions WHERE attempts > 0"))
        .isZero();

    clock.advance(Duration.ofMinutes(16));
    assertThat(alerts.evaluate(scenario.workspace).resolved())
        .extracting(AlertRecord::rule)
        .containsExactly("secret_unavailable");
  }

  @Test
  void damaged_secrets_leave_the_sends_waiting_not_dead_lettered() {
    campaignWithPeople();
    // One flipped bit: the seal's tag no longer matches, whatever the key.
    Sql.count(
        url,
        "WITH x AS (UPDATE mailboxes SET secrets = set_byte(secrets, 20, get_byte(secrets, 20) # 1)"
            + " WHERE id = "
            + smtp.id()
            + " RETURNING 1) SELECT count(*) FROM x");

    app.engine().runUntilIdle();
    clock.advance(Duration.ofMinutes(2));
    app.engine().runUntilIdle();

    assertThat(transport.sentCount()).isZero();
    assertThat(rows("SELECT count(*) FROM campaign_sequence_executions WHERE status = 'dead'"))
        .isZero();
    assertThat(rows("SELECT count(*) FROM campaign_sequence_executions WHERE attempts > 0"))
        .isZero();
    assertThat(app.alertEvaluator().evaluate(scenario.workspace).fired())
        .extracting(AlertRecord::rule)
        .containsExactly("secret_unavailable");
  }
}
