package com.campaignengine.alerts;

import com.campaignengine.alerts.AlertReadings.CampaignRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shared shape of the campaign rate rules (errors, bounces): over a minimum sample and above a
 * threshold fires, and pauses the campaign if it asked for that and is running.
 */
final class Spikes {
  private Spikes() {}

  /** {@code describe} words the counts, e.g. "6 of 40 executions failed in the last hour". */
  static List<Alert> above(
      String rule,
      List<CampaignRate> rates,
      double threshold,
      int minSample,
      java.util.function.Function<CampaignRate, String> describe) {
    List<Alert> alerts = new ArrayList<>();
    for (CampaignRate rate : rates) {
      if (rate.total() < minSample || rate.rate() <= threshold) {
        continue;
      }
      boolean pause = rate.autoPauseOnSpike() && rate.active();
      String message =
          "Campaign \""
              + rate.name()
              + "\" (id "
              + rate.campaignId()
              + "): "
              + describe.apply(rate)
              + " ("
              + percent(rate.rate())
              + ", threshold "
              + percent(threshold)
              + ")"
              + (pause ? "; the campaign was paused automatically (auto_pause_on_spike)" : "");
      alerts.add(Alert.forCampaign(rule, rate.campaignId(), message, pause));
    }
    return alerts;
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
  }

  static String minutes(java.time.Duration window) {
    return window.toMinutes() % 60 == 0 && window.toHours() > 1
        ? window.toHours() + " hours"
        : window.toMinutes() + " minutes";
  }
}
