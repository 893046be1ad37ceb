package com.campaignengine.inbound;

import com.campaignengine.failure.ProviderException;

/**
 * A mailbox source could not be read: server unreachable, login refused, rate-limited, protocol
 * error, revoked OAuth grant. The message names the problem for operators and never carries
 * credentials or mail content. The caller logs it and tries again later; nothing was consumed, so
 * the same checkpoint is still valid. Distinct from "nothing found": a sender lookup that finds no
 * mail returns an empty list, one that could not ask throws this.
 */
public class InboundException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /** Why the mailbox could not be read; all are worth trying again later. */
  public enum Kind {
    /** No answer: network, timeout, DNS, the server down or closing the connection. */
    UNREACHABLE,
    /** Login or OAuth grant refused: nothing changes until someone fixes the credentials. */
    CREDENTIALS,
    /** The provider asks us to slow down (Gmail 429 / rateLimitExceeded, IMAP [LIMIT]). */
    RATE_LIMITED,
    /** Anything else: a protocol error, an unexpected answer. */
    FAILED
  }

  private final Kind kind;

  public InboundException(String message) {
    this(Kind.FAILED, message, null);
  }

  public InboundException(String message, Throwable cause) {
    this(Kind.FAILED, message, cause);
  }

  public InboundException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
