package com.campaignengine.store;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Campaigns with their steps; steps are immutable once written. */
public interface CampaignStore {
  /** Writes the campaign, its mailboxes and steps (routing resolved) in one transaction. */
  Campaign create(long workspaceId, CampaignDraft draft, Instant now);

  Optional<Campaign> find(long workspaceId, long campaignId);

  /** Any workspace: for the engine, which reaches campaigns through their executions. */
  Optional<Campaign> findById(long campaignId);

  List<Campaign> list(long workspaceId);

  /**
   * Moves the campaign from {@code from} to {@code to} if it is still in {@code from}; pausing
   * holds its live executions, activating or resuming releases those of active enrollments.
   */
  boolean changeStatus(
      long workspaceId, long campaignId, CampaignStatus from, CampaignStatus to, Instant now);
}
