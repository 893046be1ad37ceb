package com.campaignengine.engine;

import com.campaignengine.campaign.Campaign;

/** Port: the campaign (settings and steps) an execution belongs to. Thread-safe. */
@FunctionalInterface
public interface CampaignCatalog {
  /** The campaign, or an exception if it does not exist (a defect: executions reference it). */
  Campaign campaign(long campaignId);
}
