package com.campaignengine.secrets;

import com.campaignengine.failure.CampaignEngineException;

/**
 * A sealed secret cannot be opened on this node: it was sealed with another key (a node started
 * without the cluster's {@code CAMPAIGN_ENGINE_SECRET_KEY}) or its bytes are damaged. Never the
 * fault of the work that needed it: a send waits for a node that can open it, it does not fail. The
 * message names the secret's owner, never its content.
 */
public final class SecretUnavailableException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  public SecretUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
