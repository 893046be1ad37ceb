package com.campaignengine.inbound;

import java.time.Instant;
import java.util.List;

/** Port: one mailbox's inbound mail (IMAP inbox, Gmail history), read from a checkpoint. */
public interface InboundSource {

  /** A raw message as the source saw it. */
  record Raw(String sourceId, byte[] raw, Instant receivedAt) {}

  /** Messages after the checkpoint, oldest first, and the checkpoint that covers them. */
  record Batch(List<Raw> messages, String checkpoint) {}

  /** "imap" or "gmail": the checkpoint's name. */
  String name();

  /** Reads at most {@code max} messages after {@code checkpoint} (null: from now on). */
  Batch poll(String checkpoint, int max);

  /**
   * Waits up to {@code max} for new mail (IMAP IDLE); true if some may have arrived. Sources
   * without push answer false at once, and are polled instead.
   */
  default boolean awaitNewMail(java.time.Duration max) {
    return false;
  }
}
