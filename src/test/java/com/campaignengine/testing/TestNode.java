package com.campaignengine.testing;

import com.campaignengine.alerts.AlertEvaluator;
import com.campaignengine.api.ApiServices;
import com.campaignengine.app.AlertService;
import com.campaignengine.app.CampaignService;
import com.campaignengine.app.DeadLetterService;
import com.campaignengine.app.EnrollmentService;
import com.campaignengine.app.MailboxService;
import com.campaignengine.app.PersonService;
import com.campaignengine.app.Retention;
import com.campaignengine.app.RetentionSettings;
import com.campaignengine.app.StatsService;
import com.campaignengine.app.VariantWinners;
import com.campaignengine.app.WebhookService;
import com.campaignengine.app.Workspaces;
import com.campaignengine.engine.Engine;
import com.campaignengine.inbound.InboundPoller;
import com.campaignengine.node.Collaborators;
import com.campaignengine.node.Node;
import com.campaignengine.node.NodeOptions;
import com.campaignengine.store.postgres.Database;
import com.campaignengine.webhooks.WebhookDispatcher;
import com.campaignengine.webhooks.WebhookListener;
import com.campaignengine.webhooks.WebhookSettings;
import java.time.Clock;
import java.time.Duration;

/**
 * A {@link Node} as the tests read it: the services they call as fields ({@code app.campaigns}),
 * the engine and database to drive and inspect, and each background duty to run or start alone.
 */
public final class TestNode implements AutoCloseable {
  public final Workspaces workspaces;
  public final MailboxService mailboxes;
  public final PersonService people;
  public final CampaignService campaigns;
  public final EnrollmentService enrollments;
  public final StatsService stats;
  public final DeadLetterService deadLetters;
  public final AlertService alerts;
  public final RetentionSettings retentionSettings;
  public final Retention retention;
  public final VariantWinners variantWinners;
  public final WebhookService outboundWebhooks;
  private final Node node;

  private TestNode(Node node) {
    this.node = node;
    ApiServices api = node.api();
    this.workspaces = api.workspaces();
    this.mailboxes = api.mailboxes();
    this.people = api.people();
    this.campaigns = api.campaigns();
    this.enrollments = api.enrollments();
    this.stats = api.stats();
    this.deadLetters = api.deadLetters();
    this.alerts = api.alerts();
    this.retentionSettings = api.retentionSettings();
    this.outboundWebhooks = api.outboundWebhooks();
    this.retention = node.duties().retention().retention();
    this.variantWinners = node.duties().variantWinners().winners();
  }

  /** Opens a node as a test configured it. */
  public static TestNode open(NodeOptions options, Collaborators parts) {
    return new TestNode(Node.open(options, parts));
  }

  /** What an {@code ApiServer} of this node serves from. */
  public ApiServices api() {
    return node.api();
  }

  public Engine engine() {
    return node.engine();
  }

  public Database database() {
    return node.database();
  }

  public Clock clock() {
    return node.clock();
  }

  /** Reads the inboxes by hand ({@code pollOnce}). */
  public InboundPoller inbound() {
    return node.duties().inbound().poller();
  }

  /** Waits until the model has categorized every reply read so far (it runs on its own thread). */
  public void awaitReplyModel() {
    try {
      if (!node.replyModels().awaitDone(java.time.Duration.ofSeconds(30))) {
        throw new AssertionError("the reply model did not finish within 30 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public AlertEvaluator alertEvaluator() {
    return node.duties().alerts().evaluator();
  }

  public void startInbound(Duration interval) {
    node.duties().inbound().start(interval);
  }

  public void startAlerts(Duration interval) {
    node.duties().alerts().start(interval);
  }

  public void startWebhooks(WebhookSettings settings) {
    node.duties().webhooks().start(settings);
  }

  /** A dispatcher the test runs and closes itself. */
  public WebhookDispatcher newWebhookDispatcher(
      WebhookSettings settings, String nodeName, WebhookListener listener) {
    return node.duties().webhooks().newDispatcher(settings, nodeName, listener);
  }

  @Override
  public void close() {
    node.close();
  }
}
