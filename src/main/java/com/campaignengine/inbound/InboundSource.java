package com.campaignengine.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Port: one mailbox's inbound mail (an IMAP INBOX, a Gmail mailbox): read on from a checkpoint, or
 * searched by sender. Implementations are thread-safe; each call uses one connection (IMAP) or one
 * token (Gmail), reused between calls.
 */
public interface InboundSource {

  /** "imap", "gmail" or "microsoft": the checkpoint's name. */
  String name();

  /**
   * At most {@code max} messages the mailbox received that {@code checkpoint} does not cover,
   * oldest first, and the checkpoint that covers them.
   *
   * <p>Never skips mail: where there is no checkpoint yet, or it no longer means anything (IMAP
   * UIDVALIDITY changed, Gmail history expired), the source re-reads by date instead: every message
   * received at or after {@code since} (IMAP {@code UID SEARCH SINCE}, Gmail {@code messages.list
   * q=after:}). Callers pass the time they last read everything, less a margin for clock skew and
   * delivery delays, and de-duplicate what comes twice.
   *
   * @param checkpoint a checkpoint from an earlier poll of this source, or null (never read)
   * @param since the re-read starts here when the checkpoint cannot be used
   * @throws InboundException if the mailbox could not be read (nothing is consumed)
   * @throws IllegalArgumentException if {@code checkpoint} is not one of this source's
   */
  Poll poll(String checkpoint, Instant since, int max);

  /**
   * The messages received at or after {@code since} from any of {@code senders} (exact addresses or
   * whole domains), oldest first, in one connection (IMAP: {@code UID SEARCH SINCE … OR FROM …},
   * batched so that no command grows too long) or one query per batch of senders (Gmail: {@code
   * messages.list q=from:(…) after:…}). Messages we sent ourselves are left out. Feed what is found
   * through {@link InboundIntake}.
   *
   * @return the messages found; empty when nobody wrote (never empty because of a failure)
   * @throws InboundException if the mailbox could not be asked: unreachable, credentials refused,
   *     rate-limited ({@link InboundException#kind})
   */
  List<RawInbound> messagesFrom(Senders senders, Instant since);

  /**
   * Waits up to {@code max} for new mail (IMAP IDLE); true if some may have arrived. Sources
   * without push answer false at once, and are polled instead.
   */
  default boolean awaitNewMail(Duration max) {
    return false;
  }
}
