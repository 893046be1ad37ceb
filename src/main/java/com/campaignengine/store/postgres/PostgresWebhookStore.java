package com.campaignengine.store.postgres;

import com.campaignengine.readmodel.Page;
import com.campaignengine.webhooks.ClaimedDelivery;
import com.campaignengine.webhooks.DeliveryStatus;
import com.campaignengine.webhooks.WebhookDelivery;
import com.campaignengine.webhooks.WebhookEvent;
import com.campaignengine.webhooks.WebhookStore;
import com.campaignengine.webhooks.WebhookSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Webhook subscriptions and deliveries: the subscriptions in {@link WebhookSubscriptions}, the
 * deliveries as the API lists and retries them in {@link WebhookDeliveryLog}, and as the dispatcher
 * claims, finishes and prunes them in {@link WebhookDeliveryQueue}.
 */
public final class PostgresWebhookStore implements WebhookStore {

  private final WebhookSubscriptions subscriptions;
  private final WebhookDeliveryLog log;
  private final WebhookDeliveryQueue queue;

  public PostgresWebhookStore(Database database) {
    this.subscriptions = new WebhookSubscriptions(database);
    this.log = new WebhookDeliveryLog(database);
    this.queue = new WebhookDeliveryQueue(database);
  }

  @Override
  public WebhookSubscription create(
      long workspaceId,
      String url,
      String description,
      List<WebhookEvent> events,
      byte[] sealedSecret,
      Instant now) {
    return subscriptions.create(
        workspaceId, url, description, WebhookSubscriptions.wireNames(events), sealedSecret, now);
  }

  @Override
  public List<WebhookSubscription> list(long workspaceId) {
    return subscriptions.list(workspaceId);
  }

  @Override
  public Optional<WebhookSubscription> find(long workspaceId, long subscriptionId) {
    return subscriptions.find(workspaceId, subscriptionId);
  }

  @Override
  public Optional<WebhookSubscription> update(
      long workspaceId,
      long subscriptionId,
      String url,
      List<WebhookEvent> events,
      String description,
      Boolean active,
      Instant now) {
    String[] eventNames = events == null ? null : WebhookSubscriptions.wireNames(events);
    return subscriptions.update(
        workspaceId,
        subscriptionId,
        new WebhookSubscriptions.Change(url, eventNames, description, active),
        now);
  }

  @Override
  public boolean delete(long workspaceId, long subscriptionId) {
    return subscriptions.delete(workspaceId, subscriptionId);
  }

  @Override
  public Page<WebhookDelivery> deliveries(
      long workspaceId, long subscriptionId, DeliveryStatus status, long beforeId, int limit) {
    return log.deliveries(workspaceId, subscriptionId, status, beforeId, limit);
  }

  @Override
  public Optional<WebhookDelivery> delivery(
      long workspaceId, long subscriptionId, long deliveryId) {
    return log.delivery(workspaceId, subscriptionId, deliveryId);
  }

  @Override
  public boolean retry(long workspaceId, long subscriptionId, long deliveryId, Instant now) {
    return log.retry(workspaceId, subscriptionId, deliveryId, now);
  }

  @Override
  public List<ClaimedDelivery> claim(String nodeId, Instant now, Duration lease, int limit) {
    return queue.claim(nodeId, now, lease, limit);
  }

  @Override
  public boolean recordDelivered(ClaimedDelivery delivery, int httpStatus, Instant now) {
    return queue.recordDelivered(delivery, httpStatus, now);
  }

  @Override
  public boolean recordRetry(
      ClaimedDelivery delivery, Integer httpStatus, String error, Instant nextAttemptAt) {
    return queue.recordRetry(delivery, httpStatus, error, nextAttemptAt);
  }

  @Override
  public boolean recordFailed(
      ClaimedDelivery delivery, Integer httpStatus, String error, Instant now) {
    return queue.recordFailed(delivery, httpStatus, error, now);
  }

  @Override
  public boolean recordGone(ClaimedDelivery delivery, int httpStatus, String reason, Instant now) {
    return queue.recordGone(delivery, httpStatus, reason, now);
  }

  @Override
  public boolean hold(ClaimedDelivery delivery) {
    return queue.hold(delivery);
  }

  @Override
  public int prune(Instant before, int limit) {
    return queue.prune(before, limit);
  }
}
