package com.campaignengine.alerts;

import java.time.Instant;
import java.util.List;

/**
 * {@code dead_letters_growing}: executions were dead-lettered within the window (retries ran out or
 * the error was permanent); resolves once the window passes without a new one.
 */
public final class DeadLettersGrowingRule implements AlertRule {
  public static final String NAME = "dead_letters_growing";

  private final AlertReadings readings;
  private final AlertThresholds thresholds;

  public DeadLettersGrowingRule(AlertReadings readings, AlertThresholds thresholds) {
    this.readings = readings;
    this.thresholds = thresholds;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    AlertReadings.DeadLetters dead =
        readings.deadLetters(workspaceId, now.minus(thresholds.deadLetterWindow()));
    if (dead.recent() < thresholds.deadLetters()) {
      return List.of();
    }
    return List.of(
        Alert.forWorkspace(
            NAME,
            workspaceId,
            dead.recent()
                + " executions dead-lettered in the last "
                + Spikes.minutes(thresholds.deadLetterWindow())
                + " ("
                + dead.total()
                + " in the dead-letter queue: GET /api/v1/executions?status=dead)"));
  }
}
