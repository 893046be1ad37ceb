package com.campaignengine.inbound.imap;

/**
 * The position {@code "uidvalidity:uid"} in an IMAP INBOX: every message with a greater UID is new.
 * A UID means nothing under another UIDVALIDITY (RFC 3501 §2.3.1.1), hence both. Immutable.
 */
record ImapCheckpoint(long uidValidity, long uid) {

  /**
   * Parses a checkpoint from {@link #toString()}.
   *
   * @throws IllegalArgumentException if {@code text} is not one: checkpoints come only from {@link
   *     ImapInbox#poll}, so anything else is a caller's bug, not a reason to skip mail silently
   */
  static ImapCheckpoint parse(String text) {
    int colon = text.indexOf(':');
    try {
      if (colon > 0) {
        long validity = Long.parseLong(text.substring(0, colon));
        long uid = Long.parseLong(text.substring(colon + 1));
        if (validity >= 0 && uid >= 0) {
          return new ImapCheckpoint(validity, uid);
        }
      }
    } catch (NumberFormatException e) {
      // Reported below, with the same message as any other malformed text.
    }
    throw new IllegalArgumentException("not an IMAP checkpoint (uidvalidity:uid): " + text);
  }

  @Override
  public String toString() {
    return uidValidity + ":" + uid;
  }
}
