package com.campaignengine.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The JSON a receiver gets, in the Standard Webhooks shape: {@code {"type": "email.replied",
 * "timestamp": "<when it happened>", "data": {…, "occurred_at": "<same>"}}}, minified. {@code data}
 * is what the capture trigger stored; the same delivery always has the same body.
 */
final class WebhookBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookBodies() {}

  static String body(String eventType, Instant occurredAt, String payload) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", eventType);
    body.put("timestamp", occurredAt.toString());
    try {
      ObjectNode data = (ObjectNode) JSON.readTree(payload);
      data.put("occurred_at", occurredAt.toString());
      body.set("data", data);
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored payload is always a JSON object", e);
    }
  }

  /** The {@code webhook-id}: the same for every attempt of a delivery, never containing a dot. */
  static String webhookId(long deliveryId) {
    return "msg_" + deliveryId;
  }
}
