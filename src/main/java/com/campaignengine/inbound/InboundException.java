package com.campaignengine.inbound;

import com.campaignengine.failure.ProviderException;

/**
 * A mailbox source could not be read: server unreachable, login refused, protocol error, revoked
 * OAuth grant. The message names the problem for operators and never carries credentials or mail
 * content. The caller logs it and tries again later; nothing was consumed, so the same checkpoint
 * is still valid.
 */
public class InboundException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public InboundException(String message) {
    super(message);
  }

  public InboundException(String message, Throwable cause) {
    super(message, cause);
  }
}
