package com.campaignengine.app;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.engine.CampaignCatalog;
import com.campaignengine.store.CampaignStore;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's view of campaigns, cached per node. Steps never change once written (an edit adds a
 * version, pausing holds executions in the database), so a cached campaign is only ever missing
 * newer things: it is read again when an execution names a step it does not know, when this node
 * edits it, and at the latest {@link #MAX_AGE} after it was read (settings edited on another node,
 * a chosen A/B winner).
 */
public final class CachedCampaignCatalog implements CampaignCatalog {
  static final Duration MAX_AGE = Duration.ofSeconds(10);

  private record Entry(Campaign campaign, long readAtNanos) {}

  private final CampaignStore campaigns;
  private final ConcurrentHashMap<Long, Entry> cache = new ConcurrentHashMap<>();

  public CachedCampaignCatalog(CampaignStore campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public Campaign campaign(long campaignId) {
    // The claim loop asks once per execution: a fresh entry is a plain read, no lock taken.
    Entry entry = cache.get(campaignId);
    if (entry != null && System.nanoTime() - entry.readAtNanos() < MAX_AGE.toNanos()) {
      return entry.campaign();
    }
    Entry read = read(campaignId);
    cache.put(campaignId, read);
    return read.campaign();
  }

  @Override
  public Campaign campaignWithStep(long campaignId, long stepId) {
    Campaign campaign = campaign(campaignId);
    if (campaign.steps().byId(stepId).isPresent()) {
      return campaign;
    }
    invalidate(campaignId);
    return campaign(campaignId);
  }

  /** Forgets the campaign: the next use reads it again. */
  public void invalidate(long campaignId) {
    cache.remove(campaignId);
  }

  /** Forgets every campaign (workspace holidays changed). */
  public void invalidateAll() {
    cache.clear();
  }

  private Entry read(long id) {
    return new Entry(
        campaigns.findById(id).orElseThrow(() -> new IllegalStateException("no campaign " + id)),
        System.nanoTime());
  }
}
