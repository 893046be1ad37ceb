package com.campaignengine.inbound.imap;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.InboundSource;
import com.campaignengine.inbound.Poll;
import com.campaignengine.inbound.RawInbound;
import com.campaignengine.inbound.Senders;
import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New mail in one mailbox's INBOX over IMAP (IMAPS, STARTTLS or plain, per {@link ImapSettings}).
 * Reads only: the INBOX is opened read-only and messages are fetched with BODY.PEEK, so nothing is
 * marked as read, moved or deleted.
 *
 * <p>Checkpoints are {@code "uidvalidity:uid"}: a poll returns the messages with a greater UID. See
 * {@link #poll} for the details, including a first poll and a changed UIDVALIDITY.
 *
 * <p>Thread-safe: {@link #poll}, {@link #messagesFrom} and {@link #supportsIdle} are synchronized
 * around one lazily opened connection, reused between calls and reopened after errors. {@link
 * #awaitNewMail} uses a second connection so that it does not block polls; {@link #close} ends it.
 */
public final class ImapInbox implements InboundSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImapInbox.class);

  private final ImapSettings settings;
  private final Session session;
  private final boolean idleAllowed;
  private final ImapIdler idler;
  private IMAPStore store; // guarded by this
  private Boolean idleCapable; // guarded by this; servers do not change capabilities
  private boolean closed; // guarded by this
  private volatile ImapCheckpoint lastPolled;

  /** An inbox with {@link SmtpSettings}' default connect and read timeouts. */
  public ImapInbox(ImapSettings settings) {
    this(settings, SmtpSettings.DEFAULT_CONNECT_TIMEOUT, SmtpSettings.DEFAULT_READ_TIMEOUT);
  }

  /**
   * An inbox whose connects wait at most {@code connectTimeout} and every server reply at most
   * {@code readTimeout} (usually the mailbox's {@link SmtpSettings} ones).
   */
  public ImapInbox(ImapSettings settings, Duration connectTimeout, Duration readTimeout) {
    this(settings, connectTimeout, readTimeout, true);
  }

  /** With {@code idleAllowed} false, behaves as if the server lacked IDLE (for tests). */
  ImapInbox(
      ImapSettings settings, Duration connectTimeout, Duration readTimeout, boolean idleAllowed) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.session = ImapSessions.create(settings, connectTimeout, readTimeout);
    this.idleAllowed = idleAllowed;
    this.idler = new ImapIdler(settings, session);
  }

  @Override
  public String name() {
    return "imap";
  }

  /**
   * The INBOX messages after {@code checkpoint}, oldest first.
   *
   * <ul>
   *   <li>{@code checkpoint} null (first poll), or from another UIDVALIDITY (the server renumbered
   *       the mailbox; logged as a WARN): the messages received at or after {@code since}, found
   *       with {@code UID SEARCH SINCE} and their INTERNALDATE, so that nothing that arrived before
   *       the first poll or across the renumbering is skipped. From the first such message on, the
   *       poll continues by UID as below.
   *   <li>Otherwise at most {@code max} messages with a greater UID, and a checkpoint at the last
   *       of them: exactly the returned messages are covered, so the rest come with the next poll
   *       ({@link Poll#complete} false), and a crash before the checkpoint is stored re-reads only
   *       unprocessed messages.
   * </ul>
   *
   * @param checkpoint a checkpoint from an earlier poll of this mailbox, or null
   * @param since where a re-read by date starts
   * @param max the most messages to return, positive
   * @throws InboundException if the server cannot be reached or refuses (nothing is consumed)
   * @throws IllegalArgumentException if {@code checkpoint} is not one this class returned
   * @throws IllegalStateException after {@link #close}
   */
  @Override
  public synchronized Poll poll(String checkpoint, Instant since, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    Objects.requireNonNull(since, "since");
    ImapCheckpoint from = checkpoint == null ? null : ImapCheckpoint.parse(checkpoint);
    IMAPFolder inbox = null;
    try {
      inbox = openInbox();
      Poll poll = InboxReader.read(inbox, from, since, max, ImapSessions.describe(settings));
      lastPolled = ImapCheckpoint.parse(poll.checkpoint());
      return poll;
    } catch (MessagingException | IOException e) {
      // The connection may be half-broken; start afresh next time (closing the store also
      // closes the folder).
      disconnect();
      throw ImapFailures.of("IMAP poll of " + ImapSessions.describe(settings), e);
    } finally {
      closeQuietly(inbox);
    }
  }

  /**
   * The INBOX messages received at or after {@code since} from any of {@code senders}, oldest
   * first, over this inbox's one connection: see {@link InboundSource#messagesFrom} and {@link
   * SenderLookup}.
   *
   * @throws InboundException if the server cannot be reached or refuses, with its {@link
   *     InboundException#kind kind}
   */
  @Override
  public synchronized List<RawInbound> messagesFrom(Senders senders, Instant since) {
    Objects.requireNonNull(since, "since");
    if (senders.isEmpty()) {
      return List.of();
    }
    IMAPFolder inbox = null;
    try {
      inbox = openInbox();
      return SenderLookup.find(inbox, senders, since);
    } catch (MessagingException | IOException e) {
      disconnect();
      throw ImapFailures.of("IMAP sender lookup in " + ImapSessions.describe(settings), e);
    } finally {
      closeQuietly(inbox);
    }
  }

  /**
   * Whether {@link #awaitNewMail} can wait for mail (the server announces IDLE). Connects on first
   * use.
   *
   * @throws InboundException if the server cannot be reached
   */
  public synchronized boolean supportsIdle() {
    if (!idleAllowed || closed) {
      return false;
    }
    if (idleCapable == null) {
      try {
        idleCapable = store().hasCapability("IDLE");
      } catch (MessagingException e) {
        disconnect();
        throw ImapFailures.of("IMAP capability check of " + ImapSessions.describe(settings), e);
      }
    }
    return idleCapable;
  }

  /**
   * Waits with IMAP IDLE until the INBOX holds a message the last {@link #poll} did not return, at
   * most {@code max} (and at most 29 minutes: RFC 2177 lets servers drop an IDLE after 30). Returns
   * at once if such a message is already there (a poll capped by {@code max}).
   *
   * <p>Without IDLE (see {@link #supportsIdle}) returns false at once: the caller polls on its own
   * schedule. Callers poll after every return whatever the result; a message that arrives while
   * IDLE is being started may only be noticed at the timeout.
   *
   * @return true if there is probably new mail, false on timeout, without IDLE, or when closed
   * @throws InboundException if the server cannot be reached
   */
  @Override
  public boolean awaitNewMail(Duration max) {
    Objects.requireNonNull(max, "max");
    if (max.isNegative() || max.isZero() || !supportsIdle()) {
      return false;
    }
    return idler.await(max, lastPolled);
  }

  /** Whether {@link #awaitNewMail} is in IDLE right now; for tests. */
  boolean idling() {
    return idler.idling();
  }

  /** Closes both connections; a running {@link #awaitNewMail} returns false. Idempotent. */
  @Override
  public void close() {
    // First, and outside this object's lock: a waiting thread holds no lock of ours but must end.
    idler.close();
    synchronized (this) {
      closed = true;
      disconnect();
    }
  }

  /** The INBOX, opened read-only: EXAMINE reports the current UIDVALIDITY and UIDNEXT. */
  private IMAPFolder openInbox() throws MessagingException {
    IMAPFolder inbox = (IMAPFolder) store().getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    return inbox;
  }

  private static void closeQuietly(IMAPFolder inbox) {
    if (inbox != null && inbox.isOpen()) {
      try {
        inbox.close(false);
      } catch (MessagingException e) {
        LOG.debug("closing INBOX failed: {}", e.toString());
      }
    }
  }

  private IMAPStore store() throws MessagingException {
    if (closed) {
      throw new IllegalStateException("IMAP inbox is closed");
    }
    // isConnected() pings the server, so a connection it dropped while we were away is noticed.
    if (store != null && store.isConnected()) {
      return store;
    }
    disconnect();
    store = ImapSessions.connect(session, settings);
    return store;
  }

  private void disconnect() {
    ImapSessions.closeQuietly(store);
    store = null;
  }
}
