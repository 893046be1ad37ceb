package com.campaignengine.store;

import java.util.List;
import java.util.Map;

/** Counts of a campaign: enrollments by status, sends, engagement, and per step. */
public record CampaignStats(
    Map<String, Long> enrollmentsByStatus,
    long sent,
    long inDoubt,
    long opened,
    long clicked,
    long replied,
    List<StepStats> steps) {

  /** Executions of one step by status, and its sends. */
  public record StepStats(
      long stepId, String key, String type, Map<String, Long> byStatus, long sent) {}
}
