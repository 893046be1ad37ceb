package com.campaignengine.alerts;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code daily_cap_reached_early}: a mailbox used up its daily limit before the configured local
 * time of its own day (its {@code timezone}), so the rest of the day's work waits for tomorrow.
 * Resolves when the mailbox's day turns.
 */
public final class DailyCapReachedEarlyRule extends ThresholdRule {
  public static final String NAME = "daily_cap_reached_early";

  public DailyCapReachedEarlyRule(AlertReadings readings, AlertThresholds thresholds) {
    super(NAME, readings, thresholds);
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    List<Alert> alerts = new ArrayList<>();
    for (AlertReadings.FullMailbox mailbox : readings.mailboxesAtDailyCap(workspaceId, now)) {
      Instant reached = mailbox.capReachedAt() == null ? now : mailbox.capReachedAt();
      LocalTime localTime = reached.atZone(zone(mailbox.timezone())).toLocalTime();
      if (!localTime.isBefore(thresholds.dailyCapBefore())) {
        continue;
      }
      alerts.add(
          Alert.forMailbox(
              NAME,
              mailbox.mailboxId(),
              mailbox.email(),
              "reached its daily limit of "
                  + mailbox.dailyLimit()
                  + " at "
                  + localTime.withNano(0)
                  + " "
                  + mailbox.timezone()
                  + "; further sends wait for its next day"));
    }
    return alerts;
  }

  private static ZoneId zone(String name) {
    try {
      return name == null ? ZoneOffset.UTC : ZoneId.of(name);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
