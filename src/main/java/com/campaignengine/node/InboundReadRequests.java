package com.campaignengine.node;

import java.util.function.LongConsumer;

/**
 * Hands "read this mailbox's inbox now" from the mailbox service (a mailbox created or reconnected)
 * to the inbound duty, which is built after the services; requests before that, or while the duty
 * is not running, are left to its next pass.
 */
final class InboundReadRequests implements LongConsumer {
  private volatile InboundDuty duty;

  void connect(InboundDuty duty) {
    this.duty = duty;
  }

  @Override
  public void accept(long mailboxId) {
    InboundDuty connected = duty;
    if (connected != null) {
      connected.readSoon(mailboxId);
    }
  }
}
