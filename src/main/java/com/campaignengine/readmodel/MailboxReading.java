package com.campaignengine.readmodel;

import com.campaignengine.mailbox.ReplyDetection;
import java.time.Instant;

/**
 * How well a mailbox's inbox is being read: how replies are detected, the last read that succeeded,
 * and the last error with its time (it stays after a later success; it is current when newer than
 * the last read). Times are null when there was none. The follow-ups waiting for a reply check on
 * this mailbox join here with the engine's pre-send check.
 */
public record MailboxReading(
    long mailboxId,
    ReplyDetection replyDetection,
    Instant lastReadAt,
    String lastError,
    Instant lastErrorAt) {

  /** A mailbox never read (yet, or at all: reply detection "none"). */
  public static MailboxReading unread(long mailboxId, ReplyDetection replyDetection) {
    return new MailboxReading(mailboxId, replyDetection, null, null, null);
  }

  /** Whether the last attempt to read failed (an error newer than the last successful read). */
  public boolean failing() {
    return lastErrorAt != null && (lastReadAt == null || lastErrorAt.isAfter(lastReadAt));
  }
}
