package com.campaignengine.readmodel;

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
   * The key, beside the execution statuses, of pending executions held because their mailbox could
   * not be asked whether the person replied: a part of {@code pending}, not a status of its own.
   */
  public static final String WAITING_FOR_REPLY_CHECK = "waiting_for_reply_check";

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

  /**
   * Executions of one step by status, and its emails; for an A/B test, each variant's figures and
   * the chosen winner (null until chosen).
   */
  public record StepStats(
      long stepId,
      String key,
      String type,
      Map<String, Long> byStatus,
      Emails emails,
      List<VariantStats> variants,
      String winner) {
    public StepStats {
      variants = variants == null ? List.of() : List.copyOf(variants);
    }

    public StepStats(
        long stepId, String key, String type, Map<String, Long> byStatus, Emails emails) {
      this(stepId, key, type, byStatus, emails, List.of(), null);
    }

    public long sent() {
      return emails.sent();
    }
  }

  /**
   * One A/B variant: emails sent, and how many of them were opened (by a person), clicked, replied.
   */
  public record VariantStats(
      String key, int weight, long sent, long opened, long clicked, long replied) {

    /**
     * The rate a winner is chosen by: {@code reply_rate}, {@code click_rate} or {@code open_rate}.
     */
    public double rate(String metric) {
      long count =
          switch (metric) {
            case "reply_rate" -> replied;
            case "click_rate" -> clicked;
            case "open_rate" -> opened;
            default -> throw new IllegalArgumentException("unknown metric " + metric);
          };
      return sent == 0 ? 0 : (double) count / sent;
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
