package com.campaignengine.app;

import com.campaignengine.store.CampaignStats;
import com.campaignengine.store.StatsStore;

/** Campaign statistics. */
public final class StatsService {
  private final CampaignService campaigns;
  private final StatsStore stats;

  public StatsService(CampaignService campaigns, StatsStore stats) {
    this.campaigns = campaigns;
    this.stats = stats;
  }

  public CampaignStats campaignStats(long workspaceId, long campaignId) {
    campaigns.get(workspaceId, campaignId);
    return stats.campaignStats(workspaceId, campaignId);
  }
}
