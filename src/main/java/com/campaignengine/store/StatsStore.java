package com.campaignengine.store;

/** Aggregates for the stats API and the demo's table. */
public interface StatsStore {
  CampaignStats campaignStats(long workspaceId, long campaignId);
}
