package com.campaignengine.campaign;

/**
 * A workspace's rules across campaigns, all off by default: at most one running sequence per
 * person, a reply stops all of the person's sequences, and no new enrollment for {@code
 * recontactCooldownDays} after a person finished or replied anywhere (null: no cooldown).
 */
public record CrossCampaignRules(
    boolean oneActiveSequencePerPerson, boolean stopAllOnReply, Integer recontactCooldownDays) {
  public static final CrossCampaignRules OFF = new CrossCampaignRules(false, false, null);
}
