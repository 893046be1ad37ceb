package com.campaignengine.mail.smtp;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.MimeMessages;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through one mailbox's SMTP server, optionally using its IMAP Sent folder to answer {@link
 * #lookup} after a crash.
 *
 * <p>One connection per mailbox is kept open and reused for consecutive sends. Before each send it
 * is probed with NOOP, so a connection the server dropped while idle is replaced instead of failing
 * the message. Sends are serialized (one SMTP conversation at a time per mailbox), which is also
 * what providers expect of a single mailbox. The message goes out exactly as {@link
 * MimeMessages#toRfc5322} rendered it, so the recipient sees our Message-ID.
 *
 * <p>Connect, read and write timeouts come from {@link SmtpSettings}, so a server that hangs costs
 * at most about that long. Failures are classified from the server's reply:
 *
 * <ul>
 *   <li>4xx, 552 / x.2.2 (recipient's mailbox full), lost connections, timeouts: {@link
 *       SendResult.RetryableFailure}
 *   <li>other 5xx (unknown recipient, policy, too big): {@link SendResult.PermanentFailure}
 *   <li>530/534/535/538, failed AUTH, missing STARTTLS, rejected certificates, and permanent
 *       refusals before the first message (554 greeting): {@link SendResult.AuthFailure}, pausing
 *       the mailbox
 *   <li>5.4.5 or "daily ... quota/limit", "sending limit": {@link SendResult.RateLimited} for 24
 *       hours; 4.7.28, "rate limit", "throttl...": rate-limited for one hour
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} closes the connections; a later send opens a new one.
 */
public final class SmtpTransport implements MailTransport, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SmtpTransport.class);

  private final SmtpSettings smtp;
  private final ImapSettings imap;
  private final Session session;
  private final SentFolder sentFolder;
  private final Object lock = new Object();

  // Guarded by lock.
  private SMTPTransport connection;
  private int connectionsOpened;

  /**
   * @param smtp how to send
   * @param imapOrNull how to reach the Sent folder, or {@code null}: then {@link #lookup} always
   *     answers UNKNOWN
   */
  public SmtpTransport(SmtpSettings smtp, ImapSettings imapOrNull) {
    this.smtp = Objects.requireNonNull(smtp, "smtp");
    this.imap = imapOrNull;
    this.session = Session.getInstance(MailProperties.of(smtp, imapOrNull));
    this.sentFolder = imapOrNull == null ? null : new SentFolder(imapOrNull, session);
  }

  @Override
  public SendResult send(OutgoingMessage message) {
    Objects.requireNonNull(message, "message");
    byte[] bytes;
    MimeMessage mime;
    InternetAddress recipient;
    try {
      bytes = MimeMessages.toRfc5322(message);
      mime = new MimeMessage(session, new ByteArrayInputStream(bytes));
      recipient = new InternetAddress(message.to().email(), true);
    } catch (IllegalArgumentException | MessagingException e) {
      return new SendResult.PermanentFailure("message cannot be encoded: " + e.getMessage());
    }
    SendResult result = deliver(mime, recipient, message.messageId());
    if (result.isSent() && imap != null && imap.appendToSent()) {
      appendToSent(bytes, message.messageId());
    }
    return result;
  }

  /**
   * Looks for the Message-ID in the IMAP Sent folder: DELIVERED when found; NOT_DELIVERED when
   * absent and {@link ImapSettings#sentCopiesExpected()} (otherwise a server that files nothing
   * would make every message look unsent); UNKNOWN without IMAP settings or on IMAP errors.
   *
   * <p>With {@link ImapSettings#appendToSent()}, a crash after the SMTP server accepted a message
   * but before the copy was filed makes that message look NOT_DELIVERED: a rare duplicate is the
   * price of not needing server-side copies.
   */
  @Override
  public Delivery lookup(String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    return sentFolder == null ? Delivery.UNKNOWN : sentFolder.lookup(messageId);
  }

  /** As {@link #lookup}, with one IMAP SEARCH per hundred Message-IDs. */
  @Override
  public Map<String, Delivery> lookupAll(Collection<String> messageIds) {
    if (sentFolder == null) {
      Map<String, Delivery> unknown = new HashMap<>();
      messageIds.forEach(id -> unknown.put(id, Delivery.UNKNOWN));
      return unknown;
    }
    return sentFolder.lookupAll(messageIds);
  }

  /**
   * Connects and logs in on a fresh connection (and to IMAP, when configured), for checking a
   * mailbox's settings when it is created.
   *
   * @return empty if that worked, otherwise the problem in the provider's words
   */
  public Optional<String> verify() {
    SMTPTransport probe = null;
    try {
      probe = open();
    } catch (MessagingException e) {
      return Optional.of(SmtpErrors.reason(SmtpErrors.classifyConnect(e)));
    } finally {
      closeQuietly(probe);
    }
    return sentFolder == null ? Optional.empty() : sentFolder.verify();
  }

  @Override
  public String name() {
    return "smtp";
  }

  /** Closes the open SMTP and IMAP connections. */
  @Override
  public void close() {
    synchronized (lock) {
      closeQuietly(connection);
      connection = null;
    }
    if (sentFolder != null) {
      sentFolder.close();
    }
  }

  /** How many SMTP connections this transport has opened so far; for tests of reuse. */
  int connectionsOpened() {
    synchronized (lock) {
      return connectionsOpened;
    }
  }

  private SendResult deliver(MimeMessage mime, InternetAddress recipient, String messageId) {
    synchronized (lock) {
      SMTPTransport t;
      try {
        t = connected();
      } catch (MessagingException e) {
        return failed(messageId, SmtpErrors.classifyConnect(e));
      }
      try {
        t.sendMessage(mime, new Address[] {recipient});
        return new SendResult.Sent(providerId(t.getLastServerResponse(), messageId));
      } catch (MessagingException e) {
        SendResult result = SmtpErrors.classify(e);
        // After a permanent rejection Angus has reset the session and it stays usable; after
        // anything else a fresh connection is the safer start for the next message.
        if (!(result instanceof SendResult.PermanentFailure)) {
          closeQuietly(connection);
          connection = null;
        }
        return failed(messageId, result);
      }
    }
  }

  // Angus' isConnected() sends NOOP: a dropped connection is noticed here, not mid-message.
  private SMTPTransport connected() throws MessagingException {
    if (connection != null && connection.isConnected()) {
      return connection;
    }
    closeQuietly(connection);
    connection = null;
    connection = open();
    connectionsOpened++;
    return connection;
  }

  private SMTPTransport open() throws MessagingException {
    SMTPTransport t = (SMTPTransport) session.getTransport("smtp");
    try {
      t.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
      return t;
    } catch (MessagingException | RuntimeException e) {
      closeQuietly(t);
      throw e;
    }
  }

  private void appendToSent(byte[] bytes, String messageId) {
    try {
      sentFolder.append(bytes);
    } catch (MessagingException e) {
      // The message is out; failing the send now would only cause a duplicate.
      LOG.warn("sent {} but could not file it in the Sent folder: {}", messageId, e.toString());
    }
  }

  private static SendResult failed(String messageId, SendResult result) {
    LOG.warn("SMTP send of {} failed: {}", messageId, result);
    return result;
  }

  private static String providerId(String reply, String messageId) {
    if (reply == null || reply.isBlank()) {
      return messageId;
    }
    return SmtpReply.of(0, reply).line();
  }

  private static void closeQuietly(SMTPTransport t) {
    if (t == null) {
      return;
    }
    try {
      t.close();
    } catch (MessagingException e) {
      LOG.debug("closing SMTP connection failed: {}", e.toString());
    }
  }
}
