package com.campaignengine.store;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignStatus;
import com.campaignengine.readmodel.CampaignEdit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Campaigns with their steps; steps are immutable once written (an edit adds a version). */
public interface CampaignStore {
  /** Writes the campaign, its mailboxes and steps (routing resolved) in one transaction. */
  Campaign create(long workspaceId, CampaignDraft draft, Instant now);

  /**
   * An edit: settings, mailboxes and holidays change at once; the steps are written as the next
   * version. Enrollments in flight stay on their version unless {@code moveEnrollments}.
   */
  CampaignEdit update(
      long workspaceId, long campaignId, CampaignDraft draft, boolean moveEnrollments, Instant now);

  /** Moves the waiting work of earlier versions to the current one. */
  CampaignEdit.Moves moveToCurrentVersion(long workspaceId, long campaignId, Instant now);

  /** Live executions (pending, running, paused) on steps of earlier versions. */
  long onEarlierVersions(long campaignId);

  /**
   * The campaign as {@link #create} ({@code campaignId} null) or {@link #update} would leave it,
   * written in a transaction that is rolled back: nothing changes.
   */
  Campaign preview(long workspaceId, Long campaignId, CampaignDraft draft, Instant now);

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
