package com.campaignengine.webhooks;

import java.time.Instant;

/**
 * One event for one subscription as operators see it. {@code nextAttemptAt} is null once finished,
 * and while the subscription is off (the delivery is held, not dropped).
 */
public record WebhookDelivery(
    long id,
    long subscriptionId,
    String eventType,
    DeliveryStatus status,
    int attempts,
    Integer lastStatus,
    String lastError,
    Instant nextAttemptAt,
    Instant occurredAt,
    Instant createdAt,
    Instant deliveredAt) {

  /** The {@code webhook-id} header every attempt of this delivery carries. */
  public String webhookId() {
    return WebhookBodies.webhookId(id);
  }
}
