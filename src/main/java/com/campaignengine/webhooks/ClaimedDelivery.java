package com.campaignengine.webhooks;

import java.time.Instant;

/**
 * A due delivery claimed by one dispatcher until its lease ends, with what it takes to send it: the
 * subscription's URL and sealed secret as they are now. Every later write carries {@code version};
 * {@code attempts} counts the attempts before this one.
 */
public record ClaimedDelivery(
    long id,
    long version,
    long workspaceId,
    long subscriptionId,
    String eventType,
    String payload,
    Instant occurredAt,
    int attempts,
    String url,
    byte[] sealedSecret,
    boolean subscriptionActive) {

  @Override
  public String toString() {
    return "ClaimedDelivery[id=" + id + ", subscription=" + subscriptionId + "]";
  }
}
