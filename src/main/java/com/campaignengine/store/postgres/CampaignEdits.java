package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.readmodel.CampaignEdit;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A campaign's versioned edit, in the caller's transaction: the settings change for everyone at
 * once, the steps become the next version, and the work waiting on earlier versions is counted or
 * moved onto the new one ({@link VersionMoves}).
 */
final class CampaignEdits {

  private static final String LOCK_CAMPAIGN =
      "SELECT version FROM campaign_sequences WHERE workspace_id = ? AND id = ? FOR UPDATE";

  /**
   * An A/B winner chosen on the previous version stays chosen when the edited step still tests a
   * variant of that key.
   */
  private static final String KEEP_WINNERS =
      """
      UPDATE campaign_sequence_steps n
         SET winner_variant = o.winner_variant, winner_chosen_at = o.winner_chosen_at
        FROM campaign_sequence_steps o
       WHERE n.campaign_id = ? AND n.version = ? AND o.campaign_id = n.campaign_id
         AND o.version = n.version - 1 AND o.step_key = n.step_key
         AND o.winner_variant IS NOT NULL AND n.winner_metric IS NOT NULL
         AND n.variants @> jsonb_build_array(jsonb_build_object('key', o.winner_variant))
      """;

  private final CampaignReader reader;

  CampaignEdits(CampaignReader reader) {
    this.reader = reader;
  }

  /** With {@code moveEnrollments}, what was waiting moves or ends; else it is only counted. */
  CampaignEdit edit(
      Connection c,
      long workspaceId,
      long campaignId,
      CampaignDraft draft,
      boolean moveEnrollments,
      Instant now)
      throws SQLException {
    // The UPDATE takes the campaign's row lock: edits and moves of one campaign run one at a time.
    int version =
        CampaignWriter.updateSettings(c, workspaceId, campaignId, draft, now)
            .orElseThrow(
                () -> new IllegalStateException("campaign " + campaignId + " is archived"));
    CampaignWriter.replaceMailboxes(c, campaignId, draft.sending().mailboxIds());
    CampaignWriter.insertSteps(c, campaignId, version, draft.steps());
    Sql.update(c, KEEP_WINNERS, campaignId, version);
    Campaign edited = reader.find(c, campaignId).orElseThrow();
    if (!moveEnrollments) {
      return new CampaignEdit(edited, VersionMoves.onEarlierVersions(c, edited), null);
    }
    // What was waiting moved or ended; only what a node was running stays behind.
    CampaignEdit.Moves moves = VersionMoves.move(c, edited, now);
    return new CampaignEdit(edited, moves.leftRunning(), moves);
  }

  /** Moves the waiting work of earlier versions, under the campaign's row lock. */
  CampaignEdit.Moves moveToCurrentVersion(
      Connection c, long workspaceId, long campaignId, Instant now) throws SQLException {
    Sql.queryOne(c, LOCK_CAMPAIGN, rs -> rs.getInt("version"), workspaceId, campaignId)
        .orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
    return VersionMoves.move(c, reader.find(c, campaignId).orElseThrow(), now);
  }

  long onEarlierVersions(Connection c, long campaignId) throws SQLException {
    return VersionMoves.onEarlierVersions(c, reader.find(c, campaignId).orElseThrow());
  }
}
