package com.campaignengine.app;

import com.campaignengine.access.Role;
import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignStatus;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.CampaignEdit;
import com.campaignengine.store.CampaignStore;
import com.campaignengine.store.MailboxStore;
import com.campaignengine.store.UserStore;
import com.campaignengine.template.TemplateEngine;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Creating and editing campaigns (checked first, written whole or not at all) and their lifecycle.
 * An edit writes the steps as a new version: enrollments in flight stay on theirs unless moved.
 */
public final class CampaignService {
  private final CampaignStore campaigns;
  private final MailboxStore mailboxes;
  private final UserStore users;
  private final CampaignValidator validator;
  private final Clock clock;
  private final LongConsumer edited;

  /** {@code edited}: told the id of every campaign edited here (this node's caches forget it). */
  public CampaignService(
      CampaignStore campaigns,
      MailboxStore mailboxes,
      UserStore users,
      TemplateEngine templates,
      Clock clock,
      LongConsumer edited) {
    this.campaigns = campaigns;
    this.mailboxes = mailboxes;
    this.users = users;
    this.validator = new CampaignValidator(templates);
    this.clock = clock;
    this.edited = edited;
  }

  public Campaign create(long workspaceId, CampaignDraft draft) {
    check(workspaceId, draft);
    return campaigns.create(workspaceId, draft, clock.instant());
  }

  /**
   * Replaces the campaign's definition. Settings, mailboxes and holidays apply to everyone at once;
   * the steps become the next version, which new enrollments start on. With {@code
   * moveEnrollments}, waiting work of earlier versions moves too (steps matched by key).
   */
  public CampaignEdit update(
      long workspaceId, long campaignId, CampaignDraft draft, boolean moveEnrollments) {
    editable(get(workspaceId, campaignId));
    check(workspaceId, draft);
    CampaignEdit edit =
        campaigns.update(workspaceId, campaignId, draft, moveEnrollments, clock.instant());
    edited.accept(campaignId);
    return edit;
  }

  /** Moves the waiting work of earlier versions onto the current one. */
  public CampaignEdit.Moves moveToCurrentVersion(long workspaceId, long campaignId) {
    editable(get(workspaceId, campaignId));
    CampaignEdit.Moves moves =
        campaigns.moveToCurrentVersion(workspaceId, campaignId, clock.instant());
    edited.accept(campaignId);
    return moves;
  }

  /** Live executions still on earlier versions of the campaign. */
  public long onEarlierVersions(long workspaceId, long campaignId) {
    return campaigns.onEarlierVersions(get(workspaceId, campaignId).id());
  }

  /**
   * What {@link #create} ({@code campaignId} null) or {@link #update} would produce, checked the
   * same way, without changing anything.
   */
  public Campaign preview(long workspaceId, Long campaignId, CampaignDraft draft) {
    if (campaignId != null) {
      editable(get(workspaceId, campaignId));
    }
    check(workspaceId, draft);
    return campaigns.preview(workspaceId, campaignId, draft, clock.instant());
  }

  private static void editable(Campaign campaign) {
    if (campaign.status() == CampaignStatus.ARCHIVED) {
      throw new ConflictException("status", "an archived campaign cannot be edited", null);
    }
  }

  private void check(long workspaceId, CampaignDraft draft) {
    validator.check(draft);
    List<Long> mailboxIds = draft.sending().mailboxIds();
    if (new HashSet<>(mailboxIds).size() != mailboxIds.size()) {
      throw new ValidationException("mailbox_ids", "mailbox_ids lists a mailbox twice");
    }
    for (int i = 0; i < mailboxIds.size(); i++) {
      if (mailboxes.find(workspaceId, mailboxIds.get(i)).isEmpty()) {
        throw new ValidationException(
            "mailbox_ids[" + i + "]", "no mailbox " + mailboxIds.get(i) + " in this workspace");
      }
    }
    checkAssignees(workspaceId, draft.steps());
  }

  /** A task step's assignee is a user of this workspace who may complete tasks (not a viewer). */
  private void checkAssignees(long workspaceId, List<StepDraft> steps) {
    for (int i = 0; i < steps.size(); i++) {
      Step.TaskSpec task = steps.get(i).task();
      if (task == null || task.assignee() == null) {
        continue;
      }
      boolean member =
          users
              .findByEmail(task.assignee())
              .filter(u -> u.workspaceId() == workspaceId && u.role().includes(Role.MEMBER))
              .isPresent();
      if (!member) {
        throw new ValidationException(
            "steps[" + i + "].assignee",
            "no user '"
                + task.assignee()
                + "' who may complete tasks (member or above) in this workspace");
      }
    }
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
    if (campaign.sending().mailboxIds().isEmpty()) {
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
