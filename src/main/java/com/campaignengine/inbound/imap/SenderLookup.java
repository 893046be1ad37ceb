package com.campaignengine.inbound.imap;

import com.campaignengine.inbound.RawInbound;
import com.campaignengine.inbound.Senders;
import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Finds the INBOX messages from some senders since an instant, on one open folder: {@code UID
 * SEARCH SINCE … OR FROM … HEADER FROM …} in batches of {@link #TERMS_PER_SEARCH} senders, then the
 * envelopes and dates of the hits, then the raw bytes of those that really match. Stateless.
 */
final class SenderLookup {

  /**
   * Senders per SEARCH: about 2 KB per command line, well below the 8 KB that servers are asked to
   * accept (RFC 7162 §4).
   */
  static final int TERMS_PER_SEARCH = 40;

  private SenderLookup() {}

  static List<RawInbound> find(IMAPFolder inbox, Senders senders, Instant since)
      throws MessagingException, IOException {
    List<UidSearch.Sender> terms = new ArrayList<>();
    senders.addresses().forEach(a -> terms.add(new UidSearch.Sender(a, false)));
    senders.domains().forEach(d -> terms.add(new UidSearch.Sender(d, true)));
    LocalDate date = UidSearch.sinceDate(since);
    TreeSet<Long> uids = new TreeSet<>();
    for (int i = 0; i < terms.size(); i += TERMS_PER_SEARCH) {
      uids.addAll(
          UidSearch.search(
              inbox, date, terms.subList(i, Math.min(terms.size(), i + TERMS_PER_SEARCH))));
    }
    if (uids.isEmpty()) {
      return List.of();
    }
    List<Message> hits = new ArrayList<>();
    for (Message m : inbox.getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray())) {
      if (m != null && !m.isExpunged()) {
        hits.add(m);
      }
    }
    FetchProfile profile = new FetchProfile();
    profile.add(FetchProfile.Item.ENVELOPE);
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
    inbox.fetch(hits.toArray(Message[]::new), profile);
    long validity = inbox.getUIDValidity();
    List<RawInbound> found = new ArrayList<>();
    for (Message m : hits) {
      Date received = m.getReceivedDate();
      if ((received != null && received.toInstant().isBefore(since)) || !from(m, senders)) {
        continue; // SINCE is by day, FROM by substring: the hit was not one looked for
      }
      try {
        byte[] raw = RawBytes.of(m, RawInbound.MAX_BYTES);
        found.add(
            new RawInbound(
                validity + ":" + InboxReader.uidOf(inbox, m),
                raw,
                InboxReader.receivedAt(received)));
      } catch (MessageRemovedException e) {
        // Expunged meanwhile by another client: nothing to read.
      }
    }
    found.sort(Comparator.comparing(RawInbound::receivedAt));
    return found;
  }

  private static boolean from(Message m, Senders senders) throws MessagingException {
    Address[] from = m.getFrom();
    if (from == null) {
      return false;
    }
    for (Address address : from) {
      if (address instanceof InternetAddress internet && senders.matches(internet.getAddress())) {
        return true;
      }
    }
    return false;
  }
}
