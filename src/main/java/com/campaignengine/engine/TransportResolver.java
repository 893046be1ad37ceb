package com.campaignengine.engine;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.mail.MailTransport;

/** Port: the transport that sends for a mailbox. Thread-safe. */
@FunctionalInterface
public interface TransportResolver {
  MailTransport forMailbox(Mailbox mailbox);
}
