package com.campaignengine.campaign;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a task step's work happens: outside the engine, done by a person. */
public enum TaskChannel {
  LINKEDIN_CONNECT,
  LINKEDIN_MESSAGE,
  CALL,
  MANUAL_EMAIL,
  OTHER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TaskChannel> fromWire(String value) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst();
  }
}
