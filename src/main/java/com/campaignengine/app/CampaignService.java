package com.campaignengine.app;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignStatus;
import com.campaignengine.store.CampaignStore;
import com.campaignengine.store.MailboxStore;
import com.campaignengine.template.TemplateEngine;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;

/** Creating campaigns (checked first, written whole or not at all) and their lifecycle. */
public final class CampaignService {
  private final CampaignStore campaigns;
  private final MailboxStore mailboxes;
  private final CampaignValidator validator;
  private final Clock clock;

  public CampaignService(
      CampaignStore campaigns, MailboxStore mailboxes, TemplateEngine templates, Clock clock) {
    this.campaigns = campaigns;
    this.mailboxes = mailboxes;
    this.validator = new CampaignValidator(templates);
    this.clock = clock;
  }

  public Campaign create(long workspaceId, CampaignDraft draft) {
    validator.check(draft);
    List<Long> mailboxIds = draft.mailboxIds();
    if (new HashSet<>(mailboxIds).size() != mailboxIds.size()) {
      throw new ValidationException("mailbox_ids", "mailbox_ids lists a mailbox twice");
    }
    for (int i = 0; i < mailboxIds.size(); i++) {
      if (mailboxes.find(workspaceId, mailboxIds.get(i)).isEmpty()) {
        throw new ValidationException(
            "mailbox_ids[" + i + "]", "no mailbox " + mailboxIds.get(i) + " in this workspace");
      }
    }
    return campaigns.create(workspaceId, draft, clock.instant());
  }

  public Campaign get(long workspaceId, long campaignId) {
    return campaigns
        .find(workspaceId, campaignId)
        .orElseThrow(() -> new NotFoundException("no campaign " + campaignId));
  }

  public List<Campaign> list(long workspaceId) {
    return campaigns.list(workspaceId);
  }

  public Campaign activate(long workspaceId, long campaignId) {
    Campaign campaign = get(workspaceId, campaignId);
    if (campaign.mailboxIds().isEmpty()) {
      throw new ConflictException(
          "mailbox_ids", "a campaign cannot be activated without a mailbox", null);
    }
    return move(campaign, CampaignStatus.DRAFT, CampaignStatus.ACTIVE);
  }

  public Campaign pause(long workspaceId, long campaignId) {
    return move(get(workspaceId, campaignId), CampaignStatus.ACTIVE, CampaignStatus.PAUSED);
  }

  public Campaign resume(long workspaceId, long campaignId) {
    return move(get(workspaceId, campaignId), CampaignStatus.PAUSED, CampaignStatus.ACTIVE);
  }

  public Campaign archive(long workspaceId, long campaignId) {
    Campaign campaign = get(workspaceId, campaignId);
    return move(campaign, campaign.status(), CampaignStatus.ARCHIVED);
  }

  private Campaign move(Campaign campaign, CampaignStatus from, CampaignStatus to) {
    if (campaign.status() != from || !from.canMoveTo(to)) {
      throw new ConflictException(
          "status",
          "campaign is " + campaign.status().wireName() + " and cannot become " + to.wireName(),
          null);
    }
    if (!campaigns.changeStatus(campaign.workspaceId(), campaign.id(), from, to, clock.instant())) {
      throw new ConflictException("status", "campaign changed meanwhile; try again", null);
    }
    return get(campaign.workspaceId(), campaign.id());
  }
}
