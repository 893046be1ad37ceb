package com.campaignengine.alerts;

/**
 * What every standard rule holds: its name, the readings it checks and the thresholds it compares
 * them with (null for a rule without one). Immutable, so the rules are thread-safe.
 */
abstract class ThresholdRule implements AlertRule {
  private final String name;
  final AlertReadings readings;
  final AlertThresholds thresholds;

  ThresholdRule(String name, AlertReadings readings, AlertThresholds thresholds) {
    this.name = name;
    this.readings = readings;
    this.thresholds = thresholds;
  }

  @Override
  public final String name() {
    return name;
  }
}
