package com.campaignengine.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mailbox_disconnected}: the provider refused a mailbox's credentials; its sends are parked
 * until they are updated.
 */
public final class MailboxDisconnectedRule implements AlertRule {
  public static final String NAME = "mailbox_disconnected";

  private final AlertReadings readings;

  public MailboxDisconnectedRule(AlertReadings readings) {
    this.readings = readings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Alert> firing(long workspaceId, Instant now) {
    List<Alert> alerts = new ArrayList<>();
    for (AlertReadings.DisconnectedMailbox mailbox : readings.disconnectedMailboxes(workspaceId)) {
      alerts.add(
          Alert.forMailbox(
              NAME,
              mailbox.mailboxId(),
              "Mailbox "
                  + mailbox.email()
                  + " (id "
                  + mailbox.mailboxId()
                  + ") is disconnected"
                  + (mailbox.reason() == null ? "" : ": " + mailbox.reason())
                  + "; its sends are parked until its credentials are updated"));
    }
    return alerts;
  }
}
