package com.campaignengine.mail.smtp;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mailbox.ImapSettings;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox's Sent folder over IMAP: finds sent messages by Message-ID and files copies.
 *
 * <p>Thread-safe: all methods are synchronized around one lazily opened IMAP connection, which is
 * reopened when the server dropped it. Lookups and appends are rare compared to sends, so
 * serializing them costs nothing noticeable.
 */
final class SentFolder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SentFolder.class);

  /** Tried in this order when the server does not mark its Sent folder as special-use. */
  private static final List<String> WELL_KNOWN_NAMES =
      List.of(
          "Sent",
          "[Gmail]/Sent Mail",
          "[Google Mail]/Sent Mail",
          "Sent Items",
          "Sent Messages",
          "INBOX.Sent");

  private static final String FALLBACK = "Sent";

  private final ImapSettings settings;
  private final Session session;
  private Store store;
  private String folderName;
  // Saves a LIST round trip per call; reset with the connection, so a deleted folder is noticed.
  private boolean folderExists;

  SentFolder(ImapSettings settings, Session session) {
    this.settings = settings;
    this.session = session;
    this.folderName = settings.sentFolder();
  }

  /**
   * DELIVERED if a message with this Message-ID is in the Sent folder; NOT_DELIVERED if it is not
   * and every sent message is expected there; otherwise, and on any IMAP problem, UNKNOWN.
   */
  synchronized Delivery lookup(String messageId) {
    try {
      Folder folder = store().getFolder(folderName());
      if (!exists(folder)) {
        LOG.warn("IMAP folder {} does not exist; cannot look up sent messages", folder);
        return Delivery.UNKNOWN;
      }
      folder.open(Folder.READ_ONLY);
      try {
        // IMAP SEARCH HEADER matches substrings; ours includes the angle brackets, so it is exact.
        Message[] found = folder.search(new HeaderTerm("Message-ID", messageId));
        if (found.length > 0) {
          return Delivery.DELIVERED;
        }
        return settings.sentCopiesExpected() ? Delivery.NOT_DELIVERED : Delivery.UNKNOWN;
      } finally {
        folder.close(false);
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.warn("IMAP lookup of {} failed: {}", messageId, e.toString());
      disconnect();
      return Delivery.UNKNOWN;
    }
  }

  /** Up to this many Message-IDs are searched one by one; more, by reading recent headers. */
  private static final int SEARCH_ONE_BY_ONE = 10;

  /** How many of the newest messages {@link #lookupAll} reads: interrupted sends are recent. */
  private static final int NEWEST = 10_000;

  /**
   * {@link #lookup} for many Message-IDs with the folder opened once. A few are searched one by
   * one; for more, the Message-ID headers of the messages of the last {@link #RECENT} are fetched
   * in one command and matched here: one round trip however large the batch, where a SEARCH of many
   * OR-ed terms is slow on some servers.
   */
  synchronized Map<String, Delivery> lookupAll(Collection<String> messageIds) {
    Map<String, Delivery> answers = new HashMap<>();
    Set<String> ids = new LinkedHashSet<>(messageIds);
    try {
      Folder folder = store().getFolder(folderName());
      if (!exists(folder)) {
        LOG.warn("IMAP folder {} does not exist; cannot look up sent messages", folder);
        ids.forEach(id -> answers.put(id, Delivery.UNKNOWN));
        return answers;
      }
      folder.open(Folder.READ_ONLY);
      try {
        Set<String> found = new HashSet<>();
        boolean whole = true;
        if (ids.size() > SEARCH_ONE_BY_ONE) {
          int total = folder.getMessageCount();
          int first = Math.max(1, total - NEWEST + 1);
          whole = first == 1;
          Message[] newest = total == 0 ? new Message[0] : folder.getMessages(first, total);
          FetchProfile profile = new FetchProfile();
          profile.add("Message-ID");
          folder.fetch(newest, profile);
          for (Message message : newest) {
            String[] header = message.getHeader("Message-ID");
            if (header != null) {
              found.addAll(Arrays.asList(header));
            }
          }
        }
        if (ids.size() <= SEARCH_ONE_BY_ONE || !whole) {
          for (String id : ids) {
            if (!found.contains(id) && folder.search(new HeaderTerm("Message-ID", id)).length > 0) {
              found.add(id);
            }
          }
        }
        Delivery absent = settings.sentCopiesExpected() ? Delivery.NOT_DELIVERED : Delivery.UNKNOWN;
        ids.forEach(id -> answers.put(id, found.contains(id) ? Delivery.DELIVERED : absent));
        return answers;
      } finally {
        folder.close(false);
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.warn("IMAP lookup of {} messages failed: {}", ids.size(), e.toString());
      disconnect();
      ids.forEach(id -> answers.put(id, Delivery.UNKNOWN));
      return answers;
    }
  }

  /** Files the message, marked as read, creating the folder if it does not exist yet. */
  synchronized void append(byte[] rfc5322) throws MessagingException {
    try {
      Folder folder = store().getFolder(folderName());
      if (!exists(folder) && !folder.create(Folder.HOLDS_MESSAGES)) {
        throw new MessagingException("cannot create IMAP folder " + folder.getFullName());
      }
      folderExists = true;
      MimeMessage copy = new MimeMessage(session, new ByteArrayInputStream(rfc5322));
      copy.setFlag(Flags.Flag.SEEN, true);
      folder.appendMessages(new Message[] {copy});
    } catch (MessagingException e) {
      disconnect();
      throw e;
    }
  }

  /** Logs in on a fresh connection; empty if that works, else the server's words. */
  synchronized Optional<String> verify() {
    try {
      Store probe = session.getStore("imap");
      probe.connect(settings.host(), settings.port(), settings.username(), settings.password());
      probe.close();
      return Optional.empty();
    } catch (MessagingException e) {
      return Optional.of("IMAP: " + e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    disconnect();
  }

  private Store store() throws MessagingException {
    if (store != null && store.isConnected()) {
      return store;
    }
    disconnect();
    Store fresh = session.getStore("imap");
    fresh.connect(settings.host(), settings.port(), settings.username(), settings.password());
    store = fresh;
    return fresh;
  }

  private boolean exists(Folder folder) throws MessagingException {
    folderExists = folderExists || folder.exists();
    return folderExists;
  }

  private String folderName() throws MessagingException {
    if (folderName == null) {
      folderName = discover(store());
      LOG.debug("using IMAP folder {} for sent messages", folderName);
    }
    return folderName;
  }

  private static String discover(Store store) throws MessagingException {
    Folder[] all = store.getDefaultFolder().list("*");
    for (Folder f : all) {
      if (f instanceof IMAPFolder imap && List.of(imap.getAttributes()).contains("\\Sent")) {
        return f.getFullName();
      }
    }
    for (String name : WELL_KNOWN_NAMES) {
      for (Folder f : all) {
        if (f.getFullName().equalsIgnoreCase(name)) {
          return f.getFullName();
        }
      }
    }
    return FALLBACK;
  }

  private void disconnect() {
    if (store == null) {
      return;
    }
    try {
      store.close();
    } catch (MessagingException e) {
      LOG.debug("closing IMAP connection failed: {}", e.toString());
    }
    store = null;
    folderExists = false;
  }
}
