package com.campaignengine.app;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.engine.CampaignCatalog;
import com.campaignengine.store.CampaignStore;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's view of campaigns, cached: steps and settings never change once written (pausing
 * holds executions in the database instead), so a campaign is read once per node.
 */
public final class CachedCampaignCatalog implements CampaignCatalog {
  private final CampaignStore campaigns;
  private final ConcurrentHashMap<Long, Campaign> cache = new ConcurrentHashMap<>();

  public CachedCampaignCatalog(CampaignStore campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public Campaign campaign(long campaignId) {
    return cache.computeIfAbsent(
        campaignId,
        id ->
            campaigns
                .findById(id)
                .orElseThrow(() -> new IllegalStateException("no campaign " + id)));
  }
}
