package com.campaignengine.store;

import java.time.Instant;

/** The outcome of recording a send: whether the provider may be called for this execution. */
public record SendSlot(
    long executionId,
    Kind kind,
    Long sendId,
    String messageId,
    Instant deferUntil,
    String suppressionReason) {

  public SendSlot(long executionId, Kind kind, Long sendId, String messageId) {
    this(executionId, kind, sendId, messageId, null, null);
  }

  public SendSlot(long executionId, Kind kind, Long sendId, String messageId, Instant deferUntil) {
    this(executionId, kind, sendId, messageId, deferUntil, null);
  }

  /** This slot with the id of the send's row, once a hand-over wrote it. */
  public SendSlot withSendId(long id) {
    return new SendSlot(executionId, kind, id, messageId, deferUntil, suppressionReason);
  }

  /** What the send path must do next. */
  public enum Kind {
    /**
     * Reserved now, within the mailbox's limits: hand it over ({@link ExecutionStore#handOver}) and
     * call the provider. {@code sendId} is the row of an earlier attempt (failed, or never handed
     * over), or null: the hand-over writes it.
     */
    GO,
    /** An earlier attempt was recorded as sent: do not send again, just advance. */
    ALREADY_SENT,
    /**
     * An earlier attempt was handed over ({@code sending}) and never answered: its outcome is
     * unknown, reconcile first.
     */
    IN_DOUBT,
    /** The enrollment is no longer active: send nothing. */
    INACTIVE,
    /**
     * The mailbox is at a limit (daily, hourly, gap, provider deferral): try at {@code deferUntil}.
     */
    DEFERRED,
    /** The mailbox is disconnected: hold the work until its credentials are fixed. */
    PARKED,
    /** The address is suppressed (bounced, unsubscribed): never send; the enrollment ends. */
    SUPPRESSED,
    /**
     * Another execution already wrote a send of this step for this enrollment ({@code sendId}):
     * never again. Only a loop that an older server accepted leads here.
     */
    DUPLICATE_STEP
  }
}
