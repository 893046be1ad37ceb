package com.campaignengine.alerts;

import java.time.Instant;
import java.util.List;

/**
 * {@code campaign_error_rate}: of a campaign's executions finished within the window, or waiting
 * for a retry, too many failed (dead-lettered or retrying after an error).
 */
public final class CampaignErrorRateRule extends ThresholdRule {
  public static final String NAME = "campaign_error_rate";

  public CampaignErrorRateRule(AlertReadings readings, AlertThresholds thresholds) {
    super(NAME, readings, thresholds);
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    String window = Spikes.minutes(thresholds.errors().window());
    return Spikes.above(
        NAME,
        readings.campaignErrors(workspaceId, now.minus(thresholds.errors().window())),
        thresholds.errors().rate(),
        thresholds.minSample(),
        rate ->
            rate.bad()
                + " of "
                + rate.total()
                + " executions failed or are retrying in the last "
                + window);
  }
}
