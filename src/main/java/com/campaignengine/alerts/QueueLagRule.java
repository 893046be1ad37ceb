package com.campaignengine.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code queue_lag}: the oldest execution that is due and still pending has waited longer than the
 * threshold (the engine is down, stuck or too slow for the load).
 */
public final class QueueLagRule extends ThresholdRule {
  public static final String NAME = "queue_lag";

  public QueueLagRule(AlertReadings readings, AlertThresholds thresholds) {
    super(NAME, readings, thresholds);
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    Optional<Instant> oldest = readings.oldestDue(workspaceId, now);
    if (oldest.isEmpty()) {
      return List.of();
    }
    Duration lag = Duration.between(oldest.get(), now);
    if (lag.compareTo(thresholds.queueLag()) <= 0) {
      return List.of();
    }
    return List.of(
        Alert.forWorkspace(
            NAME,
            workspaceId,
            "The oldest due execution has waited "
                + lag.toMinutes()
                + " minutes (threshold "
                + thresholds.queueLag().toMinutes()
                + "); is the engine running?"));
  }
}
