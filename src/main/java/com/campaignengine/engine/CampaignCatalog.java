package com.campaignengine.engine;

import com.campaignengine.campaign.Campaign;

/** Port: the campaign (settings and steps) an execution belongs to. Thread-safe. */
@FunctionalInterface
public interface CampaignCatalog {
  /** The campaign, or an exception if it does not exist (a defect: executions reference it). */
  Campaign campaign(long campaignId);

  /**
   * The campaign, fresh enough to know {@code stepId}: a step written by an edit on another node
   * after this node last read the campaign.
   */
  default Campaign campaignWithStep(long campaignId, long stepId) {
    return campaign(campaignId);
  }
}
