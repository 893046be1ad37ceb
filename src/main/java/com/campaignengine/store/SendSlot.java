package com.campaignengine.store;

/** The outcome of recording a send: whether the provider may be called for this execution. */
public record SendSlot(long executionId, Kind kind, Long sendId, String messageId) {

  /** What the send path must do next. */
  public enum Kind {
    /** Recorded as {@code sending} now: call the provider. */
    GO,
    /** An earlier attempt was recorded as sent: do not send again, just advance. */
    ALREADY_SENT,
    /** An earlier attempt is still {@code sending}: its outcome is unknown, reconcile first. */
    IN_DOUBT,
    /** The enrollment is no longer active: send nothing. */
    INACTIVE
  }
}
