package com.campaignengine.campaign;

import java.util.Locale;
import java.util.Optional;

/** What a step does: send, wait, branch, or wait for a person to do a task. */
public enum StepType {
  EMAIL,
  WAIT,
  CONDITION,
  TASK;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StepType> fromWire(String value) {
    for (StepType type : values()) {
      if (type.wireName().equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
