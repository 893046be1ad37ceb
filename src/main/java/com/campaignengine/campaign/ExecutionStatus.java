package com.campaignengine.campaign;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lifecycle of one execution (a step run for one enrollment). The transition table below is the
 * only place that says which moves are legal.
 */
public enum ExecutionStatus {
  PENDING,
  RUNNING,
  PAUSED,
  SENT,
  COMPLETED,
  SKIPPED,
  DEAD,
  CANCELLED;

  private static final Map<ExecutionStatus, Set<ExecutionStatus>> TRANSITIONS =
      Map.of(
          PENDING, EnumSet.of(RUNNING, PAUSED, CANCELLED),
          RUNNING, EnumSet.of(PENDING, SENT, COMPLETED, SKIPPED, DEAD, CANCELLED, PAUSED),
          PAUSED, EnumSet.of(PENDING, CANCELLED),
          DEAD, EnumSet.of(PENDING, CANCELLED),
          SENT, EnumSet.noneOf(ExecutionStatus.class),
          COMPLETED, EnumSet.noneOf(ExecutionStatus.class),
          SKIPPED, EnumSet.noneOf(ExecutionStatus.class),
          CANCELLED, EnumSet.noneOf(ExecutionStatus.class));

  public boolean canMoveTo(ExecutionStatus next) {
    return TRANSITIONS.get(this).contains(next);
  }

  /** Returns {@code next}, or throws if the move is illegal. */
  public ExecutionStatus moveTo(ExecutionStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalTransitionException("Execution", this, next);
    }
    return next;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ExecutionStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
