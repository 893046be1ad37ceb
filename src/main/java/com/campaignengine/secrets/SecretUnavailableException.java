package com.campaignengine.secrets;

import com.campaignengine.failure.CampaignEngineException;

/**
 * A sealed secret cannot be opened on this node: it was sealed with another {@code
 * CAMPAIGN_ENGINE_SECRET_KEY} (a node started without the cluster's key), or its bytes are altered
 * or damaged. Never the fault of the work that needed it (a send, a webhook delivery): the node is
 * misconfigured, so a send waits for a node that can open it rather than fail, and a node whose key
 * opens none of the database's secrets does not start. The message names the secret's owner, never
 * its content. The one type for "a secret cannot be unsealed": {@link SecretBox#open} throws it,
 * and so does every reader of sealed secrets built on it.
 */
public final class SecretUnavailableException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  public SecretUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
