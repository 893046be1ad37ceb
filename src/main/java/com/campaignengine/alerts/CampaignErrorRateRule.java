package com.campaignengine.alerts;

import java.time.Instant;
import java.util.List;

/**
 * {@code campaign_error_rate}: of a campaign's executions finished within the window, or waiting
 * for a retry, too many failed (dead-lettered or retrying after an error).
 */
public final class CampaignErrorRateRule implements AlertRule {
  public static final String NAME = "campaign_error_rate";

  private final AlertReadings readings;
  private final AlertThresholds thresholds;

  public CampaignErrorRateRule(AlertReadings readings, AlertThresholds thresholds) {
    this.readings = readings;
    this.thresholds = thresholds;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    String window = Spikes.minutes(thresholds.errorWindow());
    return Spikes.above(
        NAME,
        readings.campaignErrors(workspaceId, now.minus(thresholds.errorWindow())),
        thresholds.errorRate(),
        thresholds.minSample(),
        rate ->
            rate.bad()
                + " of "
                + rate.total()
                + " executions failed or are retrying in the last "
                + window);
  }
}
