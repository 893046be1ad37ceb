package com.campaignengine.store;

import java.util.List;
import java.util.Map;

/**
 * Counts of a campaign: enrollments by status, its emails' delivery and engagement, and the same
 * per step. Engagement counts are unique per enrollment.
 */
public record CampaignStats(
    Map<String, Long> enrollmentsByStatus,
    Map<String, Long> executionsByStatus,
    Emails emails,
    List<StepStats> steps) {

  /**
   * Emails and what came of them. {@code opened} leaves out opens that look like a mail client's
   * prefetch or a security scanner ({@code likely_machine}); {@code openedWithMachine} counts them.
   */
  public record Emails(
      long sent,
      long inDoubt,
      long failed,
      long opened,
      long openedWithMachine,
      long clicked,
      long replied) {
    public static final Emails NONE = new Emails(0, 0, 0, 0, 0, 0, 0);
  }

  /** Executions of one step by status, and its emails. */
  public record StepStats(
      long stepId, String key, String type, Map<String, Long> byStatus, Emails emails) {
    public long sent() {
      return emails.sent();
    }
  }

  public long enrolled() {
    return enrollmentsByStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  public long sent() {
    return emails.sent();
  }

  public long replied() {
    return emails.replied();
  }
}
