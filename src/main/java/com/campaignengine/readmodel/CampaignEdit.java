package com.campaignengine.readmodel;

import com.campaignengine.campaign.Campaign;

/**
 * What an edit of a campaign did: the edited campaign; how many live executions run on earlier
 * versions; the moves, if they were asked for (else null).
 */
public record CampaignEdit(Campaign campaign, long onEarlierVersions, Moves moves) {

  /**
   * What moving enrollments to the current version did: {@code moved} to the step of the same key,
   * {@code continuedAtNextStep} because their step was removed (they go on with the first later
   * step that still exists), {@code ended} because nothing after it exists any more (completed),
   * {@code leftRunning} because a node was running their step right then (move again later).
   */
  public record Moves(long moved, long continuedAtNextStep, long ended, long leftRunning) {}
}
