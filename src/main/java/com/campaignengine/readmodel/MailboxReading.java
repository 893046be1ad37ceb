package com.campaignengine.readmodel;

import com.campaignengine.mailbox.ReplyDetection;
import java.time.Instant;

/**
 * How well a mailbox's inbox is being read: how replies are detected, the last read that succeeded,
 * and the last error with its time (it stays after a later success; it is current when newer than
 * the last read), and the follow-ups that wait because the mailbox could not be asked whether their
 * person replied. Times are null when there was none.
 */
public record MailboxReading(
    long mailboxId,
    ReplyDetection replyDetection,
    Instant lastReadAt,
    String lastError,
    Instant lastErrorAt,
    FollowUpsWaiting followUpsWaiting) {

  /**
   * Follow-ups of this mailbox held by the check before sending: how many, since when the mailbox
   * cannot be asked, and why (null when none wait).
   */
  public record FollowUpsWaiting(long count, Instant since, String reason) {
    public static final FollowUpsWaiting NONE = new FollowUpsWaiting(0, null, null);
  }

  /** A mailbox never read (yet, or at all: reply detection "none"). */
  public static MailboxReading unread(
      long mailboxId, ReplyDetection replyDetection, FollowUpsWaiting followUpsWaiting) {
    return new MailboxReading(mailboxId, replyDetection, null, null, null, followUpsWaiting);
  }

  /** Whether the last attempt to read failed (an error newer than the last successful read). */
  public boolean failing() {
    return lastErrorAt != null && (lastReadAt == null || lastErrorAt.isAfter(lastReadAt));
  }
}
