package com.campaignengine.inbound;

import java.util.List;

/**
 * Port: feeds raw messages of one mailbox through the inbound pipeline ({@link InboundProcessor}:
 * reply, auto-reply, bounce, unsubscribe), each message at most once per mailbox. A message is
 * known by its Message-ID, or by a hash of its header block when it has none; one the mailbox has
 * already processed is skipped, so reading the same mail again (a re-read after a gap, a sender
 * lookup before a follow-up, IDLE and the periodic poll at once) records nothing twice.
 */
public interface InboundIntake {

  /** What became of one message. */
  enum Fate {
    /** Went through the pipeline; see the outcome. */
    PROCESSED,
    /** The mailbox had processed it before: nothing done. */
    ALREADY_SEEN,
    /** The pipeline failed on it (logged); it is not remembered, so a later read tries again. */
    FAILED
  }

  /**
   * One message's fate.
   *
   * @param outcome what the pipeline made of it; null unless {@code fate} is PROCESSED
   */
  record Taken(String sourceId, Fate fate, InboundProcessor.Outcome outcome) {}

  /** Processes the messages in order; never throws for a message, only reports it FAILED. */
  List<Taken> take(long mailboxId, List<RawInbound> messages);
}
