package com.campaignengine.readmodel;

import java.time.Instant;

/**
 * A step due for an enrollment, as the scheduler holds it (a pending execution), and what it waits
 * for ({@link #stateOf}).
 */
public record UpcomingSend(
    long executionId,
    long enrollmentId,
    String stepKey,
    String stepType,
    String emailAddress,
    String mailboxEmail,
    Instant scheduledAt,
    int attempts,
    String state) {

  /**
   * {@code scheduled} (due at its time), {@code retrying} (after a failed attempt), {@code
   * deferred} (its mailbox's limits), {@code waiting_for_reply_check} (its mailbox could not be
   * asked whether the person replied), {@code secret_unavailable} (a node could not open the
   * mailbox's credentials): from the error class the engine left on the execution.
   */
  public static String stateOf(String errorClass) {
    if (errorClass == null || errorClass.equals("shutdown")) {
      return "scheduled";
    }
    return switch (errorClass) {
      case CampaignStats.WAITING_FOR_REPLY_CHECK, "deferred", "secret_unavailable" -> errorClass;
      default -> "retrying";
    };
  }
}
