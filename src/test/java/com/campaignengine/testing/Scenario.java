package com.campaignengine.testing;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.PersonDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A workspace with an outbox mailbox in a running application, and shorthands to create campaigns
 * (built with {@link Campaigns}) and people in it.
 */
public final class Scenario {
  public final TestNode app;
  public final long workspace;
  public final long mailboxId;

  public Scenario(TestNode app) {
    this.app = app;
    this.workspace =
        app.workspaces.authenticate(app.workspaces.createWorkspace("test")).orElseThrow();
    this.mailboxId =
        app.mailboxes
            .create(
                workspace,
                Mailboxes.anOutboxMailbox("ada@recruit.example")
                    .named("Ada")
                    .dailyLimit(100_000)
                    .build())
            .id();
  }

  /** Creates a mailbox in the scenario's workspace (without a test connection). */
  public Mailbox mailbox(Mailboxes.MailboxBuilder mailbox) {
    return app.mailboxes.create(workspace, mailbox.build());
  }

  /** A campaign that sends from the scenario's mailbox (see {@link Campaigns#aCampaign()}). */
  public Campaigns.CampaignBuilder campaign() {
    return Campaigns.aCampaign().sendingFrom(mailboxId);
  }

  /** An active campaign from the scenario's mailbox, always open, with the given steps. */
  public Campaign activeCampaign(Campaigns.StepBuilder... steps) {
    return activeCampaign(campaign().withSteps(steps));
  }

  /** Creates the campaign and activates it. */
  public Campaign activeCampaign(Campaigns.CampaignBuilder campaign) {
    return app.campaigns.activate(workspace, draftCampaign(campaign).id());
  }

  /** Creates the campaign; it stays a draft. */
  public Campaign draftCampaign(Campaigns.CampaignBuilder campaign) {
    return app.campaigns.create(workspace, campaign.build());
  }

  /** Creates {@code count} people and returns their ids. */
  public List<Long> people(int count) {
    List<PersonDraft> drafts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      drafts.add(
          new PersonDraft(
              "person" + i + "@example.org", "P" + i, null, null, null, null, Map.of()));
    }
    app.people.saveAll(workspace, drafts);
    List<Long> ids = new ArrayList<>();
    app.people.list(workspace, null, 0, count + 10).items().forEach(p -> ids.add(p.id()));
    return ids;
  }

  public long enroll(Campaign campaign, List<Long> people) {
    return app.enrollments.enroll(workspace, campaign.id(), people).enrolled();
  }
}
