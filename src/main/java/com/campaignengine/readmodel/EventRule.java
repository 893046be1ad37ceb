package com.campaignengine.readmodel;

import java.time.Instant;
import java.util.Map;

/**
 * A workspace's rule: an event of {@code eventType} whose data hold every entry of {@code match}
 * (exact text) causes {@code action} ({@code enroll}, {@code stop_all}, {@code stop_campaign}), on
 * {@code campaignId} where the action names one; {@code createPerson}: an unknown person given by
 * email address is created.
 */
public record EventRule(
    long id,
    String eventType,
    Map<String, String> match,
    String action,
    Long campaignId,
    boolean createPerson,
    Instant createdAt) {

  public EventRule {
    match = Map.copyOf(match);
  }
}
