package com.campaignengine.campaign;

import java.util.Locale;
import java.util.Optional;

/** What a condition step tests for the enrollment. */
public enum ConditionType {
  OPENED,
  CLICKED,
  REPLIED,
  FIELD,
  /** The outcome given when the enrollment's latest task was completed. */
  TASK_OUTCOME;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ConditionType> fromWire(String value) {
    for (ConditionType type : values()) {
      if (type.wireName().equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
