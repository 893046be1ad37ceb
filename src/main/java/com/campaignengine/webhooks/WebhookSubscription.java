package com.campaignengine.webhooks;

import java.time.Instant;
import java.util.List;

/** A URL of a workspace subscribed to events. Its signing secret is never part of it. */
public record WebhookSubscription(
    long id,
    long workspaceId,
    String url,
    String description,
    List<WebhookEvent> events,
    boolean active,
    String disabledReason,
    Instant createdAt,
    Instant updatedAt) {

  public WebhookSubscription {
    events = List.copyOf(events);
  }
}
