package com.campaignengine.engine;

import static com.campaignengine.testing.Campaigns.anEmailStep;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.readmodel.EnrollmentView;
import com.campaignengine.store.ExecutionStore;
import com.campaignengine.store.Wakeups;
import com.campaignengine.store.postgres.PostgresExecutionStore;
import com.campaignengine.template.TemplateEngine;
import com.campaignengine.testing.AppTestSupport;
import com.campaignengine.testing.Sql;
import com.campaignengine.tracking.Tracking;
import com.campaignengine.tracking.TrackingTokens;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StopAndCrashTest extends AppTestSupport {
  StopAndCrashTest() {
    super(Instant.parse("2026-03-02T15:00:00Z"));
  }

  /**
   * An engine that runs {@code hook} once, right after its first claim committed (before the send).
   */
  private Engine engineWithHookAfterClaim(Runnable hook, MailTransport mail) {
    var catalog =
        new com.campaignengine.app.CachedCampaignCatalog(
            new com.campaignengine.store.postgres.PostgresCampaignStore(app.database()));
    AtomicBoolean fired = new AtomicBoolean();
    ExecutionStore store = new PostgresExecutionStore(app.database());
    ExecutionStore hooked =
        (ExecutionStore)
            java.lang.reflect.Proxy.newProxyInstance(
                ExecutionStore.class.getClassLoader(),
                new Class<?>[] {ExecutionStore.class},
                (proxy, method, args) -> {
                  Object result;
                  try {
                    result = method.invoke(store, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                  if (method.getName().equals("claim") && fired.compareAndSet(false, true)) {
                    hook.run();
                  }
                  return result;
                });
    return nodeB(hooked, catalog::campaign, mail);
  }

  /** A second engine, "node-b", on the same database, built from these parts. */
  private Engine nodeB(
      com.campaignengine.store.ExecutionStore executions,
      CampaignCatalog catalog,
      MailTransport mail) {
    return new Engine(
        EngineConfig.builder().nodeId("node-b").build(),
        new EngineDependencies(
            executions,
            catalog,
            mailbox -> mail,
            new TemplateEngine(),
            Wakeups.NONE,
            clock,
            EngineListener.NONE,
            new Tracking("http://localhost:8080", new TrackingTokens(new byte[32])),
            new com.campaignengine.engine.Personalization.Settings(null, null, 0)));
  }

  private EnrollmentView onlyEnrollment(Campaign campaign) {
    List<EnrollmentView> items =
        app.enrollments.list(scenario.workspace, campaign.id(), null, 0, 10).items();
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  @Test
  void an_enrollment_stopped_while_its_next_email_is_claimed_sends_nothing() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(1));
    EnrollmentView enrollment = onlyEnrollment(campaign);
    Engine engine =
        engineWithHookAfterClaim(
            () -> app.enrollments.stop(scenario.workspace, enrollment.id()), transport);

    assertThat(engine.runDueOnce()).isEqualTo(1);

    assertThat(transport.sentCount()).isZero();
    assertThat(Sql.count(url, "SELECT count(*) FROM email_sends")).isZero();
    assertThat(app.enrollments.get(scenario.workspace, enrollment.id()).status().wireName())
        .isEqualTo("stopped");
    assertThat(
            Sql.count(
                url,
                "SELECT count(*) FROM campaign_sequence_executions WHERE status = 'cancelled'"))
        .isEqualTo(1);
  }

  @Test
  void a_reply_committed_while_the_next_email_is_claimed_stops_it() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"), anEmailStep("bump"));
    scenario.enroll(campaign, scenario.people(1));
    app.engine().runDueOnce(); // intro sent, bump pending
    EnrollmentView enrollment = onlyEnrollment(campaign);
    Engine engine =
        engineWithHookAfterClaim(
            () ->
                app.enrollments.recordReply(
                    scenario.workspace, enrollment.id(), "person0@example.org", "Re: hi"),
            transport);

    assertThat(engine.runDueOnce()).isEqualTo(1);

    assertThat(transport.sentCount()).isEqualTo(1);
    assertThat(app.enrollments.get(scenario.workspace, enrollment.id()).status().wireName())
        .isEqualTo("replied");
    assertThat(app.engine().runUntilIdle()).isZero();
  }

  @Test
  void a_crash_after_the_provider_accepted_leaves_no_duplicate_after_recovery() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"), anEmailStep("bump"));
    scenario.enroll(campaign, scenario.people(5));
    // The provider accepts each message, then the node dies before recording the answer.
    MailTransport dyingAfterAccept =
        new MailTransport() {
          @Override
          public SendResult send(OutgoingMessage message) {
            transport.send(message);
            throw new IllegalStateException("node died after the provider accepted");
          }

          @Override
          public com.campaignengine.mail.Delivery lookup(String messageId) {
            return transport.lookup(messageId);
          }

          @Override
          public String name() {
            return "dying";
          }
        };
    Engine dying = engineWithHookAfterClaim(() -> {}, dyingAfterAccept);
    dying.runDueOnce();
    assertThat(transport.sentCount()).isEqualTo(1); // the batch died at the first send
    // Only the send handed to the provider is in doubt; the other four were never handed over.
    assertThat(Sql.count(url, "SELECT count(*) FROM email_sends WHERE status = 'sending'"))
        .isEqualTo(1);
    assertThat(Sql.count(url, "SELECT count(*) FROM email_sends")).isEqualTo(1);

    clock.advance(java.time.Duration.ofMinutes(5));
    app.engine().runUntilIdle();

    assertThat(transport.duplicateCount()).isZero();
    assertThat(transport.sentCount()).isEqualTo(10);
    assertThat(Sql.count(url, "SELECT count(*) FROM email_sends WHERE status = 'sent'"))
        .isEqualTo(10);
    assertThat(
            Sql.count(
                url, "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'completed'"))
        .isEqualTo(5);
  }

  @Test
  void a_batch_whose_completion_failed_is_not_renewed_and_is_reclaimed_without_duplicates() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(5));
    PostgresExecutionStore real = new PostgresExecutionStore(app.database());
    // The database refuses every completion of this node (e.g. it keeps losing deadlocks).
    com.campaignengine.store.ExecutionStore failingCompletions =
        (com.campaignengine.store.ExecutionStore)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {com.campaignengine.store.ExecutionStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("complete")) {
                    throw new com.campaignengine.store.StoreException("deadlock detected", null);
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    var catalog =
        new com.campaignengine.app.CachedCampaignCatalog(
            new com.campaignengine.store.postgres.PostgresCampaignStore(app.database()));
    Engine unlucky = nodeB(failingCompletions, catalog, transport);

    org.assertj.core.api.Assertions.assertThatThrownBy(unlucky::runDueOnce)
        .isInstanceOf(com.campaignengine.store.StoreException.class);
    assertThat(transport.sentCount()).isEqualTo(5);
    assertThat(unlucky.renewLeasesOnce()).as("the node gave the batch up").isZero();

    clock.advance(java.time.Duration.ofMinutes(3));
    assertThat(app.engine().reapOnce()).isEqualTo(5);
    app.engine().runUntilIdle();

    assertThat(transport.sentCount()).isEqualTo(5);
    assertThat(transport.duplicateCount()).isZero();
    assertThat(
            Sql.count(
                url, "SELECT count(*) FROM campaign_sequence_leads WHERE status = 'completed'"))
        .isEqualTo(5);
  }

  @Test
  void an_in_doubt_send_the_provider_cannot_confirm_is_parked_not_resent() {
    Campaign campaign = scenario.activeCampaign(anEmailStep("intro"));
    scenario.enroll(campaign, scenario.people(1));
    MailTransport forgetful =
        new MailTransport() {
          @Override
          public SendResult send(OutgoingMessage message) {
            throw new IllegalStateException("connection reset after DATA");
          }

          @Override
          public String name() {
            return "forgetful"; // lookup() stays UNKNOWN
          }
        };
    engineWithHookAfterClaim(() -> {}, forgetful).runDueOnce();
    clock.advance(java.time.Duration.ofMinutes(5));
    Engine recovering = engineWithHookAfterClaim(() -> {}, forgetful);
    recovering.runUntilIdle();

    assertThat(Sql.count(url, "SELECT count(*) FROM email_sends WHERE status = 'in_doubt'"))
        .isEqualTo(1);
    assertThat(app.deadLetters.list(scenario.workspace, null, 0, 10).items())
        .singleElement()
        .satisfies(dead -> assertThat(dead.errorClass()).isEqualTo("in_doubt"));
  }
}
