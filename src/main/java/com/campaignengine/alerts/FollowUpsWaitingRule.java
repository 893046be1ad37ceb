package com.campaignengine.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code follow_ups_waiting}: a mailbox could not be asked whether people replied for longer than
 * {@link #PATIENCE}, and follow-ups wait on it. They are held, not failed: nothing goes out blind,
 * but nothing goes out at all until the inbox can be read again (most often its IMAP settings or
 * credentials need fixing).
 */
public final class FollowUpsWaitingRule extends ThresholdRule {
  public static final String NAME = "follow_ups_waiting";

  /** How long follow-ups may wait before someone is told. */
  static final Duration PATIENCE = Duration.ofMinutes(15);

  public FollowUpsWaitingRule(AlertReadings readings) {
    super(NAME, readings, null);
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    List<Alert> alerts = new ArrayList<>();
    for (AlertReadings.HeldFollowUps held : readings.heldFollowUps(workspaceId, now)) {
      if (held.followUps() == 0 || !held.waitingSince().isBefore(now.minus(PATIENCE))) {
        continue;
      }
      long minutes = Duration.between(held.waitingSince(), now).toMinutes();
      alerts.add(
          Alert.forMailbox(
              NAME,
              held.mailboxId(),
              held.email(),
              "cannot be asked whether people replied ("
                  + held.reason()
                  + "); "
                  + held.followUps()
                  + " follow-up(s) have waited "
                  + minutes
                  + " minutes. They go out once its inbox can be read again: check its IMAP"
                  + " settings or credentials"));
    }
    return alerts;
  }
}
