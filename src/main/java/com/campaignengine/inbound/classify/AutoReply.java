package com.campaignengine.inbound.classify;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What {@link AutoReplies#detect} concluded about one inbound message.
 *
 * @param automatic sent by a machine (auto-responder, out-of-office, bounce, list), not typed by
 *     the person; such a message should not count as a reply
 * @param outOfOffice an automatic message that says the person is away
 * @param returnDate the first day the person is back, when an out-of-office message names it
 * @param why the signs seen, for logs and support ("Auto-Submitted: auto-replied; subject ..."),
 *     never message content
 */
public record AutoReply(
    boolean automatic, boolean outOfOffice, Optional<LocalDate> returnDate, String why) {

  public AutoReply {
    returnDate = returnDate == null ? Optional.empty() : returnDate;
    why = why == null ? "" : why;
  }
}
