package com.campaignengine.alerts;

import java.time.Instant;

/**
 * An alert as stored: one row per occurrence of a condition, from firing to resolution. {@code
 * resolvedAt} is null while it fires.
 */
public record AlertRecord(
    long id,
    long workspaceId,
    String key,
    String rule,
    String subject,
    Long campaignId,
    Long mailboxId,
    String message,
    AlertStatus status,
    Instant firedAt,
    Instant resolvedAt,
    Instant lastSeenAt) {

  public boolean firing() {
    return status == AlertStatus.FIRING;
  }

  /** When this notice happened: the firing, or the resolution. */
  public Instant at() {
    return firing() ? firedAt : resolvedAt;
  }
}
