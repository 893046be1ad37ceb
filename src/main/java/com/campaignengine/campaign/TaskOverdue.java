package com.campaignengine.campaign;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a task step does once its task is past due and still open. */
public enum TaskOverdue {
  /** Keep waiting for the task; it is shown as overdue. */
  WAIT,
  /** Close the task as expired and go on with the next step. */
  SKIP,
  /** Close the task as expired and end the sequence. */
  END;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TaskOverdue> fromWire(String value) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst();
  }
}
