package com.campaignengine.inbound.classify;

import java.util.Optional;

/**
 * One failed (or delayed) delivery, read from a bounce.
 *
 * @param recipient the address that failed, lower-case, or "" when the report does not say
 * @param status the RFC 3463 enhanced status code, e.g. "5.1.1"
 * @param hard a permanent failure (status class 5, not merely delayed): stop mailing the address
 * @param diagnostic the remote server's words, e.g. "550 5.1.1 User unknown", or ""
 * @param originalMessageId the Message-ID of our message that bounced, brackets included
 * @param delayed the sending server has not given up (RFC 3464 {@code Action: delayed}, a "delivery
 *     delayed" warning): the message may still arrive
 */
public record Bounce(
    String recipient,
    String status,
    boolean hard,
    String diagnostic,
    Optional<String> originalMessageId,
    boolean delayed) {

  public Bounce {
    recipient = recipient == null ? "" : recipient;
    status = status == null ? "" : status;
    diagnostic = diagnostic == null ? "" : diagnostic;
    originalMessageId = originalMessageId == null ? Optional.empty() : originalMessageId;
  }

  /** A failure the sending server gave up on (not merely delayed). */
  public Bounce(
      String recipient,
      String status,
      boolean hard,
      String diagnostic,
      Optional<String> originalMessageId) {
    this(recipient, status, hard, diagnostic, originalMessageId, false);
  }
}
