package com.campaignengine.cli.client;

import com.campaignengine.failure.ProviderException;

/** No answer from the server: refused connection, unknown host, timeout. */
public final class ServerUnreachable extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ServerUnreachable(String message, Throwable cause) {
    super(message, cause);
  }
}
