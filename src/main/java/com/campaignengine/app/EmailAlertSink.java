package com.campaignengine.app;

import com.campaignengine.alerts.AlertRecord;
import com.campaignengine.alerts.AlertSink;
import com.campaignengine.alerts.AlertTexts;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.mail.Address;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emails each notice (plain text) to the workspace owner's address through a configured mailbox of
 * the alert's workspace, with the transport the engine uses for that mailbox. The Message-ID is
 * derived from the alert id and status, so a provider that deduplicates sees one message. An alert
 * of a workspace without that mailbox, or a refused send, is logged. Never throws.
 */
public final class EmailAlertSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(EmailAlertSink.class);

  private final MailboxService mailboxes;
  private final TransportResolver transports;
  private final long mailboxId;
  private final String to;
  private final Clock clock;

  public EmailAlertSink(
      MailboxService mailboxes,
      TransportResolver transports,
      long mailboxId,
      String to,
      Clock clock) {
    this.mailboxes = mailboxes;
    this.transports = transports;
    this.mailboxId = mailboxId;
    this.to = to;
    this.clock = clock;
  }

  @Override
  public void send(AlertRecord alert) {
    Mailbox mailbox;
    try {
      mailbox = mailboxes.get(alert.workspaceId(), mailboxId);
    } catch (NotFoundException e) {
      LOG.warn(
          "Alert(id={}) not emailed: workspace {} has no mailbox {}",
          alert.id(),
          alert.workspaceId(),
          mailboxId);
      return;
    }
    try {
      OutgoingMessage message =
          new OutgoingMessage(
              messageId(alert, mailbox.email()),
              clock.instant(),
              new Address(mailbox.email(), mailbox.displayName()),
              Address.of(to),
              AlertTexts.subject(alert),
              new OutgoingMessage.Body(AlertTexts.body(alert), null),
              OutgoingMessage.Threading.NONE,
              null);
      SendResult result = transports.forMailbox(mailbox).send(message);
      if (!result.isSent()) {
        LOG.error(
            "Alert(id={}) email through mailbox {} failed: {}", alert.id(), mailboxId, result);
      }
    } catch (RuntimeException e) {
      LOG.error("Alert(id={}) email through mailbox {} failed", alert.id(), mailboxId, e);
    }
  }

  /** {@code <alert.42.firing@recruit.example>}: one per alert and status. */
  static String messageId(AlertRecord alert, String senderEmail) {
    String domain = senderEmail.substring(senderEmail.lastIndexOf('@') + 1);
    return "<alert." + alert.id() + "." + alert.status().wireName() + "@" + domain + ">";
  }
}
