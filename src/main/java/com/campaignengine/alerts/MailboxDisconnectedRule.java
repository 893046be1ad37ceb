package com.campaignengine.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mailbox_disconnected}: the provider refused a mailbox's credentials; its sends are parked
 * until they are updated.
 */
public final class MailboxDisconnectedRule extends ThresholdRule {
  public static final String NAME = "mailbox_disconnected";

  public MailboxDisconnectedRule(AlertReadings readings) {
    super(NAME, readings, null);
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    List<Alert> alerts = new ArrayList<>();
    for (AlertReadings.DisconnectedMailbox mailbox : readings.disconnectedMailboxes(workspaceId)) {
      alerts.add(
          Alert.forMailbox(
              NAME,
              mailbox.mailboxId(),
              mailbox.email(),
              "is disconnected"
                  + (mailbox.reason() == null ? "" : ": " + mailbox.reason())
                  + "; its sends are parked until its credentials are updated"));
    }
    return alerts;
  }
}
