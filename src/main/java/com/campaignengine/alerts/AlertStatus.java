package com.campaignengine.alerts;

import java.util.Locale;
import java.util.Optional;

/** An alert fires once, then resolves once; a new occurrence is a new alert. */
public enum AlertStatus {
  FIRING,
  RESOLVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AlertStatus> fromWire(String value) {
    for (AlertStatus status : values()) {
      if (status.wireName().equals(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
