package com.campaignengine.failure;

/** The thing asked for does not exist in this workspace. */
public final class NotFoundException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
