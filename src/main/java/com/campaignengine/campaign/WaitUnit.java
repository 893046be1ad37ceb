package com.campaignengine.campaign;

import java.util.Locale;
import java.util.Optional;

/** Unit of a {@code wait} step's duration. */
public enum WaitUnit {
  /** Exact minutes. */
  MINUTES,
  /** Exact hours. */
  HOURS,
  /** Same local time of day N calendar days later (DST-aware). */
  DAYS,
  /** Same local time of day N sending-window days later. */
  BUSINESS_DAYS;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<WaitUnit> fromWire(String value) {
    for (WaitUnit unit : values()) {
      if (unit.wireName().equals(value)) {
        return Optional.of(unit);
      }
    }
    return Optional.empty();
  }
}
