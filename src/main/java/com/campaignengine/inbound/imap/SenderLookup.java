package com.campaignengine.inbound.imap;

import com.campaignengine.inbound.RawInbound;
import com.campaignengine.inbound.Senders;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Finds the INBOX messages from some senders since an instant, on one open folder: {@code UID
 * SEARCH SINCE … OR FROM … HEADER FROM …} in as few commands as {@link #SEARCH_BYTES} allows, then
 * the envelopes, dates and raw bytes of the hits in one {@link UidFetch}, keeping those that really
 * match. Stateless.
 */
final class SenderLookup {

  /**
   * The most a SEARCH command line may grow to, below the 8 KB that servers are asked to accept
   * (RFC 7162 §4): about 180 ordinary addresses, so a claim batch's senders usually take one round
   * trip.
   */
  static final int SEARCH_BYTES = 6_000;

  /** What one sender adds to the command line besides its value: OR, the key, quotes, spaces. */
  private static final int TERM_OVERHEAD = 20;

  private SenderLookup() {}

  static List<RawInbound> find(IMAPFolder inbox, Senders senders, Instant since)
      throws MessagingException, IOException {
    List<UidSearch.Sender> terms = new ArrayList<>();
    senders.addresses().forEach(a -> terms.add(new UidSearch.Sender(a, false)));
    senders.domains().forEach(d -> terms.add(new UidSearch.Sender(d, true)));
    LocalDate date = UidSearch.sinceDate(since);
    TreeSet<Long> uids = new TreeSet<>();
    for (List<UidSearch.Sender> batch : batches(terms)) {
      uids.addAll(UidSearch.search(inbox, date, batch));
    }
    if (uids.isEmpty()) {
      return List.of();
    }
    long validity = inbox.getUIDValidity();
    List<RawInbound> found = new ArrayList<>();
    for (UidFetch.Fetched m : UidFetch.fetch(inbox, List.copyOf(uids), RawInbound.MAX_BYTES)) {
      Instant received = m.receivedAt() == null ? Instant.now() : m.receivedAt();
      if (received.isBefore(since) || !from(m.from(), senders)) {
        continue; // SINCE is by day, FROM by substring: the hit was not one looked for
      }
      found.add(new RawInbound(validity + ":" + m.uid(), m.raw(), received));
    }
    found.sort(Comparator.comparing(RawInbound::receivedAt));
    return found;
  }

  /** The senders in runs whose SEARCH stays within {@link #SEARCH_BYTES}. */
  static List<List<UidSearch.Sender>> batches(List<UidSearch.Sender> terms) {
    List<List<UidSearch.Sender>> batches = new ArrayList<>();
    List<UidSearch.Sender> batch = new ArrayList<>();
    int bytes = 0;
    for (UidSearch.Sender term : terms) {
      int size = term.value().length() + TERM_OVERHEAD;
      if (!batch.isEmpty() && bytes + size > SEARCH_BYTES) {
        batches.add(batch);
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(term);
      bytes += size;
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  private static boolean from(List<InternetAddress> from, Senders senders) {
    for (InternetAddress address : from) {
      if (senders.matches(address.getAddress())) {
        return true;
      }
    }
    return false;
  }
}
