package com.campaignengine.campaign;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Lifecycle of a task: {@code open} until someone completes or skips it, or its step's {@code
 * on_overdue} expires it; {@code cancelled} when its sequence ended first (a reply, a stop).
 */
public enum TaskStatus {
  OPEN,
  COMPLETED,
  SKIPPED,
  EXPIRED,
  CANCELLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TaskStatus> fromWire(String value) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst();
  }
}
