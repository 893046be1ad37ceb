package com.campaignengine.testing;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.ConditionType;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.PersonDraft;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.campaign.StepType;
import com.campaignengine.campaign.WaitUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test data builders: a workspace with a mailbox, campaigns of common shapes, many people. */
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
            .create(workspace, MailboxDraft.outbox("ada@recruit.example", "Ada", 100_000))
            .id();
  }

  public static StepDraft email(String key) {
    return new StepDraft(
        key,
        StepType.EMAIL,
        new Step.EmailContent(
            "Hello {{first_name}} (" + key + ")", "Hi {{first_name}}", null, false),
        null,
        null,
        false,
        null,
        null,
        null);
  }

  public static StepDraft waitMinutes(String key, int minutes) {
    return new StepDraft(
        key,
        StepType.WAIT,
        null,
        new Step.WaitSpec(minutes, WaitUnit.MINUTES, false),
        null,
        false,
        null,
        null,
        null);
  }

  public static StepDraft ifReplied(String key, String yes, String no) {
    return new StepDraft(
        key,
        StepType.CONDITION,
        null,
        null,
        new Step.ConditionSpec(ConditionType.REPLIED, null, null, null),
        false,
        null,
        yes,
        no);
  }

  /** An active campaign, always open, with the given steps. */
  public Campaign activeCampaign(StepDraft... steps) {
    Campaign campaign =
        app.campaigns.create(
            workspace,
            new CampaignDraft(
                "test",
                List.of(mailboxId),
                null,
                SendingWindow.ALWAYS,
                true,
                false,
                false,
                false,
                3,
                List.of(steps)));
    return app.campaigns.activate(workspace, campaign.id());
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
