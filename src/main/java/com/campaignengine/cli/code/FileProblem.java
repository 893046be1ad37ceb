package com.campaignengine.cli.code;

import com.campaignengine.failure.CampaignEngineException;

/** A file that cannot be used, with where the problem is: {@code campaign.yaml:14: …}. */
public final class FileProblem extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  public FileProblem(String message) {
    super(message, null, false, false);
  }
}
