package com.campaignengine.readmodel;

import java.util.List;

/**
 * What one rule did for one event: {@code result} is {@code enrolled}, {@code stopped} or {@code
 * skipped} (then {@code reason} says why, e.g. {@code not_enrolled}, {@code suppressed_bounced},
 * {@code campaign_not_active}); {@code enrollmentIds} are the enrollments it created or stopped.
 */
public record EventAction(
    long ruleId,
    String action,
    Long campaignId,
    String result,
    String reason,
    List<Long> enrollmentIds) {

  public EventAction {
    enrollmentIds = List.copyOf(enrollmentIds);
  }
}
