package com.campaignengine.alerts;

import java.time.Instant;
import java.util.List;

/**
 * {@code campaign_bounce_rate}: of the people a campaign emailed within the window, too many
 * bounced (their enrollment ended as {@code bounced}).
 */
public final class BounceRateRule extends ThresholdRule {
  public static final String NAME = "campaign_bounce_rate";

  public BounceRateRule(AlertReadings readings, AlertThresholds thresholds) {
    super(NAME, readings, thresholds);
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    String window = Spikes.minutes(thresholds.bounces().window());
    return Spikes.above(
        NAME,
        readings.campaignBounces(workspaceId, now.minus(thresholds.bounces().window())),
        thresholds.bounces().rate(),
        thresholds.minSample(),
        rate ->
            rate.bad()
                + " of "
                + rate.total()
                + " people emailed in the last "
                + window
                + " bounced");
  }
}
