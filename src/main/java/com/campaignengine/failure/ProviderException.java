package com.campaignengine.failure;

/**
 * A provider or transport failed us: a mail server, Google, an AI provider, or the engine's own
 * HTTP API as seen by the command line. The message is safe for logs and operators: it never
 * carries credentials or message content. Usually worth trying again later.
 */
public class ProviderException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  public ProviderException(String message) {
    super(message);
  }

  public ProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
