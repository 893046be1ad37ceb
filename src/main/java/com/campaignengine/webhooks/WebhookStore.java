package com.campaignengine.webhooks;

import com.campaignengine.readmodel.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: subscriptions and their deliveries, shared by every node. Deliveries are created by the
 * database itself, in the transaction of each event; here they are listed, claimed (one claim at a
 * time per delivery, by lease) and finished. Every write after a claim is fenced by the claim's
 * version: a delivery taken over after an expired lease ignores its former owner (false). Every
 * query is scoped by workspace. Thread-safe.
 */
public interface WebhookStore {

  WebhookSubscription create(
      long workspaceId,
      String url,
      String description,
      List<WebhookEvent> events,
      byte[] sealedSecret,
      Instant now);

  /** Oldest first. */
  List<WebhookSubscription> list(long workspaceId);

  Optional<WebhookSubscription> find(long workspaceId, long subscriptionId);

  /**
   * Applies the non-null members of the change ({@code description} "" clears it). Switching it off
   * holds its pending deliveries; switching it on releases them, due {@code now}. Empty if there is
   * no such subscription in the workspace.
   */
  Optional<WebhookSubscription> update(
      long workspaceId,
      long subscriptionId,
      String url,
      List<WebhookEvent> events,
      String description,
      Boolean active,
      Instant now);

  /** Deletes the subscription and its deliveries; false if there is none in the workspace. */
  boolean delete(long workspaceId, long subscriptionId);

  /** Newest first; {@code status} null lists all; {@code beforeId} 0 means from the newest. */
  Page<WebhookDelivery> deliveries(
      long workspaceId, long subscriptionId, DeliveryStatus status, long beforeId, int limit);

  Optional<WebhookDelivery> delivery(long workspaceId, long subscriptionId, long deliveryId);

  /**
   * Puts a failed delivery back in the queue, due {@code now}, with a fresh series of attempts;
   * false if it is not failed.
   */
  boolean retry(long workspaceId, long subscriptionId, long deliveryId, Instant now);

  /**
   * Claims up to {@code limit} due deliveries, oldest due first, skipping those another node holds
   * (row locks now, leases until they end); a claim lasts until {@code now + lease}.
   */
  List<ClaimedDelivery> claim(String nodeId, Instant now, Duration lease, int limit);

  boolean recordDelivered(ClaimedDelivery delivery, int httpStatus, Instant now);

  /** One more failed attempt; tried again at {@code nextAttemptAt}. */
  boolean recordRetry(
      ClaimedDelivery delivery, Integer httpStatus, String error, Instant nextAttemptAt);

  /** The last attempt failed: the delivery is {@code failed}. */
  boolean recordFailed(ClaimedDelivery delivery, Integer httpStatus, String error, Instant now);

  /**
   * The receiver answered 410 Gone: the delivery fails, and its subscription is switched off with
   * {@code reason}, holding its other pending deliveries.
   */
  boolean recordGone(ClaimedDelivery delivery, int httpStatus, String reason, Instant now);

  /** The subscription was off when claimed: the delivery waits, no attempt counted. */
  boolean hold(ClaimedDelivery delivery);

  /** Deletes up to {@code limit} deliveries finished before {@code before}; returns how many. */
  int prune(Instant before, int limit);
}
