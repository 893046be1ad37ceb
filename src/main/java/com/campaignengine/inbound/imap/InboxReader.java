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
  static Poll read(IMAPFolder inbox, ImapCheckpoint from, int max, String where)
      throws MessagingException, IOException {
    long validity = inbox.getUIDValidity();
    ImapCheckpoint end = new ImapCheckpoint(validity, newestUid(inbox));
    if (from == null) {
      LOG.info("reading new mail of {} from {} on", where, end);
      return new Poll(List.of(), end.toString());
    }
    if (from.uidValidity() != validity) {
      // The server renumbered the mailbox: old UIDs mean nothing. Replaying it all could answer
      // years of mail, so skip to the end; what arrived since the last poll is missed.
      LOG.warn(
          "UIDVALIDITY of {} changed from {} to {}; skipping to {}, mail since the last poll is missed",
          where,
          from.uidValidity(),
          validity,
          end);
      return new Poll(List.of(), end.toString());
    }
    if (end.uid() <= from.uid()) {
      return new Poll(List.of(), from.toString());
    }
    List<Message> batch = newer(inbox, from.uid(), max);
    FetchProfile dates = new FetchProfile();
    dates.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    inbox.fetch(batch.toArray(Message[]::new), dates);
    List<RawInbound> messages = new ArrayList<>(batch.size());
    long last = from.uid();
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
    return new Poll(messages, new ImapCheckpoint(validity, last).toString());
  }

  /** The oldest {@code max} messages with a UID above {@code after}, oldest first. */
  private static List<Message> newer(IMAPFolder inbox, long after, int max)
      throws MessagingException {
    // "UID FETCH n:*" always includes the newest message, even when its UID is below n, so the
    // UIDs are checked again here.
    List<Message> found = new ArrayList<>();
    for (Message m : inbox.getMessagesByUID(after + 1, UIDFolder.LASTUID)) {
      if (m != null && !m.isExpunged() && inbox.getUID(m) > after) {
        found.add(m);
      }
    }
    found.sort(Comparator.comparingLong(m -> uidOf(inbox, m)));
    return found.size() <= max ? found : found.subList(0, max);
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

  private static long uidOf(IMAPFolder inbox, Message m) {
    try {
      return inbox.getUID(m);
    } catch (MessagingException e) {
      // Not reached: newer() fetched every UID before sorting.
      throw new IllegalStateException(e);
    }
  }

  private static Instant receivedAt(Date internalDate) {
    return internalDate == null ? Instant.now() : internalDate.toInstant();
  }
}
