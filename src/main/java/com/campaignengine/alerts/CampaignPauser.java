package com.campaignengine.alerts;

/**
 * Port: pauses a campaign whose spike fired, for a campaign that asked for it ({@code
 * auto_pause_on_spike}). The application's campaign service implements it, so the alerts need not
 * know the application layer.
 */
@FunctionalInterface
public interface CampaignPauser {
  /**
   * Pauses the campaign.
   *
   * @throws com.campaignengine.failure.NotFoundException if the campaign is gone
   * @throws com.campaignengine.failure.ConflictException if it cannot be paused (already paused,
   *     archived)
   */
  void pause(long workspaceId, long campaignId);
}
