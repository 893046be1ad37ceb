package com.campaignengine.api;

import com.campaignengine.webhooks.WebhookDelivery;
import com.campaignengine.webhooks.WebhookEvent;
import com.campaignengine.webhooks.WebhookSubscription;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Webhook subscriptions and deliveries as JSON. The signing secret is added by create only. */
final class WebhookJson {
  private WebhookJson() {}

  static ObjectNode render(WebhookSubscription subscription) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(subscription.id()));
    json.put("url", subscription.url());
    json.put("description", subscription.description());
    ArrayNode events = json.putArray("events");
    subscription.events().stream().map(WebhookEvent::wireName).forEach(events::add);
    json.put("active", subscription.active());
    json.put("disabled_reason", subscription.disabledReason());
    json.put("created_at", Json.time(subscription.createdAt()));
    json.put("updated_at", Json.time(subscription.updatedAt()));
    return json;
  }

  static ObjectNode render(WebhookDelivery delivery) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(delivery.id()));
    json.put("webhook_id", delivery.webhookId());
    json.put("subscription_id", Json.id(delivery.subscriptionId()));
    json.put("event_type", delivery.eventType());
    json.put("status", delivery.status().wireName());
    json.put("attempts", delivery.attempts());
    json.put("last_http_status", delivery.lastStatus());
    json.put("last_error", delivery.lastError());
    json.put("next_attempt_at", Json.time(delivery.nextAttemptAt()));
    json.put("occurred_at", Json.time(delivery.occurredAt()));
    json.put("created_at", Json.time(delivery.createdAt()));
    json.put("delivered_at", Json.time(delivery.deliveredAt()));
    return json;
  }
}
