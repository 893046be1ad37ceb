package com.campaignengine.app;

import com.campaignengine.campaign.Mailbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads new enrollments over a campaign's mailboxes by capacity: each person goes to the mailbox
 * whose load (active enrollments, counting those assigned now) is lowest relative to its daily
 * limit. Disconnected mailboxes get no one unless all are disconnected. A person keeps the mailbox
 * for the whole sequence.
 */
final class MailboxAssignment {
  private final List<Mailbox> candidates;
  private final Map<Long, Long> load;

  MailboxAssignment(List<Mailbox> mailboxes, Map<Long, Long> activeByMailbox) {
    List<Mailbox> connected = mailboxes.stream().filter(Mailbox::isConnected).toList();
    this.candidates = new ArrayList<>(connected.isEmpty() ? mailboxes : connected);
    this.load = new HashMap<>(activeByMailbox);
  }

  long next() {
    Mailbox best = null;
    double bestRatio = Double.MAX_VALUE;
    for (Mailbox mailbox : candidates) {
      double ratio = (load.getOrDefault(mailbox.id(), 0L) + 1.0) / mailbox.limits().dailyLimit();
      if (ratio < bestRatio) {
        best = mailbox;
        bestRatio = ratio;
      }
    }
    load.merge(best.id(), 1L, Long::sum);
    return best.id();
  }
}
