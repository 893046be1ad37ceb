package com.campaignengine.inbound.imap;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.mailbox.ImapSettings;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import java.time.Duration;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for new INBOX mail with IMAP IDLE on a connection of its own, so that polls need not wait
 * for it; an {@link IdleAlarm} ends each wait at its deadline.
 *
 * <p>Thread-safe: one waiter at a time; {@link #close} may come from any thread and ends a wait.
 */
final class ImapIdler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImapIdler.class);

  /** RFC 2177: servers may drop an IDLE after 30 minutes; re-issue it before that. */
  static final Duration MAX_WAIT = Duration.ofMinutes(29);

  private final ImapSettings settings;
  private final Session session;
  private final IdleAlarm alarm = new IdleAlarm();
  private final Object waiter = new Object();
  private final Object state = new Object();
  private IMAPStore store; // guarded by state
  private IMAPFolder inbox; // guarded by state
  private boolean closed; // guarded by state
  private volatile boolean idling;

  ImapIdler(ImapSettings settings, Session session) {
    this.settings = settings;
    this.session = session;
  }

  /**
   * Waits until the INBOX holds a message newer than {@code seen}, at most {@code max} (and {@link
   * #MAX_WAIT}). Returns at once if there already is one.
   *
   * @param seen the last poll's checkpoint; null to wait for anything newer than now
   * @return true if there is new mail (or UIDVALIDITY changed, or the connection dropped: either
   *     way the caller should poll); false after {@code max} or when closed
   * @throws InboundException if the server cannot be reached
   */
  boolean await(Duration max, ImapCheckpoint seen) {
    synchronized (waiter) {
      try {
        IMAPFolder folder = open();
        if (folder == null) {
          return false;
        }
        return await(folder, max.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : max, seen);
      } catch (FolderClosedException | StoreClosedException e) {
        if (isClosed()) {
          return false;
        }
        LOG.debug("IDLE connection to {} lost: {}", ImapSessions.describe(settings), e.toString());
        disconnect();
        return true;
      } catch (MessagingException e) {
        disconnect();
        if (isClosed()) {
          return false;
        }
        throw ImapFailures.of("IMAP IDLE on " + ImapSessions.describe(settings), e);
      }
    }
  }

  private boolean await(IMAPFolder folder, Duration max, ImapCheckpoint seen)
      throws MessagingException {
    try (IdleAlarm.Wait wait = alarm.start(folder, max)) {
      boolean comparable = seen != null && seen.uidValidity() == folder.getUIDValidity();
      if (seen != null && !comparable) {
        return true;
      }
      long newest = newestUid(folder);
      long known = comparable ? seen.uid() : newest;
      while (newest <= known) {
        if (wait.expired() || isClosed()) {
          return false;
        }
        idling = true;
        try {
          // Returns after the first untagged response (EXISTS, EXPUNGE, FETCH) or the alarm.
          folder.idle(true);
        } finally {
          idling = false;
        }
        if (isClosed()) {
          return false;
        }
        newest = newestUid(folder);
      }
      return true;
    }
  }

  /** Whether a wait is in IDLE right now; for tests. */
  boolean idling() {
    return idling;
  }

  /** The newest message's UID on this connection, after a NOOP for news from the server. */
  private static long newestUid(IMAPFolder folder) throws MessagingException {
    folder.doCommand(
        p -> {
          p.noop();
          return null;
        });
    int count = folder.getMessageCount();
    return count == 0 ? 0 : folder.getUID(folder.getMessage(count));
  }

  private IMAPFolder open() throws MessagingException {
    synchronized (state) {
      if (closed) {
        return null;
      }
      if (inbox != null && inbox.isOpen()) {
        return inbox;
      }
    }
    disconnect();
    IMAPStore fresh = ImapSessions.connect(session, settings);
    IMAPFolder folder;
    try {
      folder = (IMAPFolder) fresh.getFolder("INBOX");
      folder.open(Folder.READ_ONLY);
    } catch (MessagingException e) {
      ImapSessions.closeQuietly(fresh);
      throw e;
    }
    synchronized (state) {
      if (!closed) {
        store = fresh;
        inbox = folder;
        return folder;
      }
    }
    ImapSessions.closeQuietly(fresh);
    return null;
  }

  private boolean isClosed() {
    synchronized (state) {
      return closed;
    }
  }

  /** Ends a running wait (it returns false) and releases the connection and timer. */
  @Override
  public void close() {
    synchronized (state) {
      closed = true;
    }
    alarm.close();
    disconnect();
  }

  private void disconnect() {
    IMAPStore old;
    IMAPFolder folder;
    synchronized (state) {
      old = store;
      folder = inbox;
      store = null;
      inbox = null;
    }
    if (folder != null && folder.isOpen()) {
      try {
        // Closing the folder first ends a running IDLE cleanly (Angus sends DONE).
        folder.close(false);
      } catch (MessagingException | RuntimeException e) {
        LOG.debug("closing IDLE folder failed: {}", e.toString());
      }
    }
    ImapSessions.closeQuietly(old);
  }
}
