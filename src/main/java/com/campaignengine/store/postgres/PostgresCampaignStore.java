package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignStatus;
import com.campaignengine.readmodel.CampaignEdit;
import com.campaignengine.store.CampaignStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Campaigns, their mailboxes and steps. Reading is in {@link CampaignReader}, writing a draft's
 * rows in {@link CampaignWriter}, the versioned edit in {@link CampaignEdits}; a status change and
 * what it does to the campaign's live work are here.
 */
public final class PostgresCampaignStore implements CampaignStore {

  private static final String CHANGE_STATUS =
      """
      UPDATE campaign_sequences SET status = ?, updated_at = ?
       WHERE workspace_id = ? AND id = ? AND status = ?
      """;

  private static final String STOP_ENROLLMENTS =
      """
      UPDATE campaign_sequence_leads l
         SET status = 'stopped', stop_reason = 'campaign archived', updated_at = ?,
             current_step_id = coalesce((SELECT e.step_id FROM campaign_sequence_executions e
                                          WHERE e.enrollment_id = l.id), l.current_step_id), finished_at = ?
       WHERE campaign_id = ? AND status IN ('active', 'paused', 'failed')
      """;

  private final Database database;
  private final CampaignReader reader = new CampaignReader();
  private final CampaignEdits edits = new CampaignEdits(reader);

  public PostgresCampaignStore(Database database) {
    this.database = database;
  }

  @Override
  public Campaign create(long workspaceId, CampaignDraft draft, Instant now) {
    long id = database.inTransaction(c -> CampaignWriter.insert(c, workspaceId, draft, now));
    return findById(id).orElseThrow();
  }

  @Override
  public CampaignEdit update(
      long workspaceId,
      long campaignId,
      CampaignDraft draft,
      boolean moveEnrollments,
      Instant now) {
    return database.inTransaction(
        c -> edits.edit(c, workspaceId, campaignId, draft, moveEnrollments, now));
  }

  @Override
  public CampaignEdit.Moves moveToCurrentVersion(long workspaceId, long campaignId, Instant now) {
    return database.inTransaction(c -> edits.moveToCurrentVersion(c, workspaceId, campaignId, now));
  }

  @Override
  public long onEarlierVersions(long campaignId) {
    return database.withConnection(c -> edits.onEarlierVersions(c, campaignId));
  }

  /** Thrown to roll a preview back, carrying what it read before. */
  private static final class Preview extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Campaign campaign;

    Preview(Campaign campaign) {
      super("preview", null, false, false);
      this.campaign = campaign;
    }
  }

  @Override
  public Campaign preview(long workspaceId, Long campaignId, CampaignDraft draft, Instant now) {
    try {
      database.inTransaction(
          c -> {
            long id =
                campaignId == null
                    ? CampaignWriter.insert(c, workspaceId, draft, now)
                    : edits.edit(c, workspaceId, campaignId, draft, false, now).campaign().id();
            throw new Preview(reader.find(c, id).orElseThrow());
          });
    } catch (Preview preview) {
      return preview.campaign;
    }
    throw new IllegalStateException("a preview always rolls back");
  }

  @Override
  public Optional<Campaign> find(long workspaceId, long campaignId) {
    return findById(campaignId).filter(c -> c.workspaceId() == workspaceId);
  }

  @Override
  public Optional<Campaign> findById(long campaignId) {
    return database.withConnection(c -> reader.find(c, campaignId));
  }

  @Override
  public List<Campaign> list(long workspaceId) {
    return database.withConnection(
        c -> {
          List<Campaign> campaigns = new ArrayList<>();
          for (long id : reader.idsOf(c, workspaceId)) {
            reader.find(c, id).ifPresent(campaigns::add);
          }
          return campaigns;
        });
  }

  @Override
  public boolean changeStatus(
      long workspaceId, long campaignId, CampaignStatus from, CampaignStatus to, Instant now) {
    from.moveTo(to);
    return database.inTransaction(
        c -> {
          int changed =
              Sql.update(
                  c, CHANGE_STATUS, to.wireName(), now, workspaceId, campaignId, from.wireName());
          if (changed == 0) {
            return false;
          }
          switch (to) {
            case PAUSED -> ExecutionRows.holdCampaign(c, campaignId);
            case ACTIVE -> HeldWork.releaseForCampaign(c, campaignId);
            case ARCHIVED -> {
              Sql.update(c, STOP_ENROLLMENTS, now, now, campaignId);
              ExecutionRows.cancelCampaign(c, campaignId);
            }
            case DRAFT -> throw new IllegalStateException("no move back to draft");
          }
          return true;
        });
  }
}
