package com.campaignengine.alerts;

import java.time.Instant;
import java.util.List;

/**
 * {@code dead_letters_growing}: executions were dead-lettered within the window (retries ran out or
 * the error was permanent); resolves once the window passes without a new one.
 */
public final class DeadLettersGrowingRule extends ThresholdRule {
  public static final String NAME = "dead_letters_growing";

  public DeadLettersGrowingRule(AlertReadings readings, AlertThresholds thresholds) {
    super(NAME, readings, thresholds);
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    AlertReadings.DeadLetters dead =
        readings.deadLetters(workspaceId, now.minus(thresholds.deadLetters().window()));
    if (dead.recent() < thresholds.deadLetters().count()) {
      return List.of();
    }
    return List.of(
        Alert.forWorkspace(
            NAME,
            workspaceId,
            dead.recent()
                + " executions dead-lettered in the last "
                + Spikes.minutes(thresholds.deadLetters().window())
                + " ("
                + dead.total()
                + " in the dead-letter queue: GET /api/v1/executions?status=dead)"));
  }
}
