package com.campaignengine.inbound.imap;

import com.campaignengine.inbound.Poll;
import com.campaignengine.inbound.RawInbound;
import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One poll's reading of an INBOX opened read-only. Stateless. */
final class InboxReader {

  private static final Logger LOG = LoggerFactory.getLogger(InboxReader.class);

  private InboxReader() {}

  /** See {@link ImapInbox#poll} for the checkpoint rules. */
  static Poll read(IMAPFolder inbox, ImapCheckpoint from, Instant since, int max, String where)
      throws MessagingException, IOException {
    long validity = inbox.getUIDValidity();
    long newest = newestUid(inbox);
    long after;
    if (from != null && from.uidValidity() == validity) {
      after = from.uid();
    } else {
      after = lastReceivedBefore(inbox, since, newest);
      if (from == null) {
        LOG.info("first read of {}: mail received since {} (UIDs after {})", where, since, after);
      } else {
        // The server renumbered the mailbox: old UIDs mean nothing, but dates still do.
        LOG.warn(
            "UIDVALIDITY of {} changed from {} to {}; re-reading mail received since {}",
            where,
            from.uidValidity(),
            validity,
            since);
      }
    }
    if (newest <= after) {
      return new Poll(List.of(), new ImapCheckpoint(validity, after).toString(), true);
    }
    List<Message> found = newer(inbox, after);
    boolean complete = found.size() <= max;
    List<Message> batch = complete ? found : found.subList(0, max);
    FetchProfile dates = new FetchProfile();
    dates.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    inbox.fetch(batch.toArray(Message[]::new), dates);
    List<RawInbound> messages = new ArrayList<>(batch.size());
    long last = after;
    for (Message m : batch) {
      long uid = inbox.getUID(m);
      try {
        byte[] raw = RawBytes.of(m, RawInbound.MAX_BYTES);
        messages.add(new RawInbound(validity + ":" + uid, raw, receivedAt(m.getReceivedDate())));
      } catch (MessageRemovedException e) {
        // Expunged by another client meanwhile: it will never come back, so step over it.
        LOG.debug("message {}:{} of {} vanished while being read", validity, uid, where);
      }
      last = uid;
    }
    return new Poll(messages, new ImapCheckpoint(validity, last).toString(), complete);
  }

  /**
   * The UID below the first message received at or after {@code since}, or {@code newest} if there
   * is none: where reading by UID must start so that nothing received since is skipped. UIDs grow
   * with arrival, so the messages after it are the ones received since (plus, at most, a few older
   * ones appended later, which the pipeline sorts out).
   */
  static long lastReceivedBefore(IMAPFolder inbox, Instant since, long newest)
      throws MessagingException {
    List<Long> uids = UidSearch.since(inbox, UidSearch.sinceDate(since));
    if (uids.isEmpty()) {
      return newest;
    }
    Message[] candidates =
        inbox.getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray());
    List<Message> present = new ArrayList<>();
    for (Message m : candidates) {
      if (m != null && !m.isExpunged()) {
        present.add(m);
      }
    }
    FetchProfile dates = new FetchProfile();
    dates.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    inbox.fetch(present.toArray(Message[]::new), dates);
    // SINCE has day granularity; INTERNALDATE decides.
    for (Message m : present) {
      Date received = m.getReceivedDate();
      if (received == null || !received.toInstant().isBefore(since)) {
        return Math.min(newest, inbox.getUID(m) - 1);
      }
    }
    return newest;
  }

  /** The messages with a UID above {@code after}, oldest first. */
  private static List<Message> newer(IMAPFolder inbox, long after) throws MessagingException {
    // "UID FETCH n:*" always includes the newest message, even when its UID is below n, so the
    // UIDs are checked again here.
    List<Message> found = new ArrayList<>();
    for (Message m : inbox.getMessagesByUID(after + 1, UIDFolder.LASTUID)) {
      if (m != null && !m.isExpunged() && inbox.getUID(m) > after) {
        found.add(m);
      }
    }
    found.sort(Comparator.comparingLong(m -> uidOf(inbox, m)));
    return found;
  }

  /** UIDNEXT - 1 from the SELECT/EXAMINE answer, else the newest message's UID, else 0. */
  static long newestUid(IMAPFolder inbox) throws MessagingException {
    long next = inbox.getUIDNext();
    if (next > 0) {
      return next - 1;
    }
    int count = inbox.getMessageCount();
    return count == 0 ? 0 : inbox.getUID(inbox.getMessage(count));
  }

  static long uidOf(IMAPFolder inbox, Message m) {
    try {
      return inbox.getUID(m);
    } catch (MessagingException e) {
      // Not reached: the UIDs were fetched before sorting.
      throw new IllegalStateException(e);
    }
  }

  static Instant receivedAt(Date internalDate) {
    return internalDate == null ? Instant.now() : internalDate.toInstant();
  }
}
