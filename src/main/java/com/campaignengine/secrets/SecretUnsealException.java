package com.campaignengine.secrets;

import com.campaignengine.failure.CampaignEngineException;

/**
 * A sealed secret does not open with this node's key: it was sealed with another {@code
 * CAMPAIGN_ENGINE_SECRET_KEY}, or altered. Never the fault of the work that needed it (a send, a
 * webhook delivery): the node is misconfigured, so such work should wait for an operator rather
 * than fail for good.
 */
public final class SecretUnsealException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  public SecretUnsealException(String message, Throwable cause) {
    super(message, cause);
  }
}
