package com.campaignengine.testing;

import com.campaignengine.campaign.CampaignDraft;
import com.campaignengine.campaign.CampaignSettings;
import com.campaignengine.campaign.ConditionType;
import com.campaignengine.campaign.FieldOperator;
import com.campaignengine.campaign.Holidays;
import com.campaignengine.campaign.SendingPolicy;
import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.campaign.StepType;
import com.campaignengine.campaign.TaskChannel;
import com.campaignengine.campaign.TaskOverdue;
import com.campaignengine.campaign.WaitUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test-data builders for campaigns and their steps: {@code aCampaign().withSteps(anEmailStep
 * ("intro"), aWait("pause", 2, DAYS), anEmailStep("bump").inSameThread())}. Every test builds its
 * drafts here, so a change to {@link CampaignDraft} or {@link StepDraft} is a change to this file.
 */
public final class Campaigns {
  private Campaigns() {}

  /**
   * A campaign named "test" that always sends, stops on a reply, tracks nothing, tries a send three
   * times and has no steps or mailboxes until given.
   */
  public static CampaignBuilder aCampaign() {
    return new CampaignBuilder();
  }

  /** An email step with subject "Hello {{first_name}} (key)" and body "Hi {{first_name}}". */
  public static EmailStep anEmailStep(String key) {
    return new EmailStep(key);
  }

  /** A wait step of {@code duration} {@code unit}, at any hour. */
  public static WaitStep aWait(String key, int duration, WaitUnit unit) {
    return new WaitStep(key, duration, unit);
  }

  /** An opened, clicked or replied condition; both branches end the sequence until given. */
  public static ConditionStep aCondition(String key, ConditionType type) {
    return new ConditionStep(key, type, null, null, null);
  }

  /** A condition on a field of the person, e.g. {@code title CONTAINS "engineer"}. */
  public static ConditionStep aFieldCondition(
      String key, String field, FieldOperator operator, String value) {
    return new ConditionStep(key, ConditionType.FIELD, field, operator, value);
  }

  /** A task step: due in one day, assigned to the mailbox owner, waiting on when overdue. */
  public static TaskStep aTask(String key, TaskChannel channel, String instructions) {
    return new TaskStep(key, channel, instructions);
  }

  /** A condition on the outcome of the enrollment's latest task. */
  public static ConditionStep aTaskOutcomeCondition(
      String key, FieldOperator operator, String value) {
    return new ConditionStep(key, ConditionType.TASK_OUTCOME, null, operator, value);
  }

  /** Anything that builds one step of a campaign. */
  public interface StepBuilder {
    StepDraft build();
  }

  /** A campaign draft with the tests' defaults (see {@link #aCampaign()}). */
  public static final class CampaignBuilder {
    private String name = "test";
    private final List<Long> mailboxIds = new ArrayList<>();
    private String timezone;
    private SendingWindow window = SendingWindow.ALWAYS;
    private boolean stopOnReply = true;
    private boolean stopOnCompanyReply;
    private boolean trackOpens;
    private boolean trackClicks;
    private int maxAttempts = 3;
    private final List<StepBuilder> steps = new ArrayList<>();
    private boolean skipMissingValues;
    private boolean autoPauseOnSpike;
    private Holidays holidays = Holidays.NONE;

    private CampaignBuilder() {}

    public CampaignBuilder named(String name) {
      this.name = name;
      return this;
    }

    public CampaignBuilder sendingFrom(long... mailboxIds) {
      for (long id : mailboxIds) {
        this.mailboxIds.add(id);
      }
      return this;
    }

    /** The campaign's own time zone (null: each person's). */
    public CampaignBuilder inTimezone(String timezone) {
      this.timezone = timezone;
      return this;
    }

    public CampaignBuilder sendingIn(SendingWindow window) {
      this.window = window;
      return this;
    }

    public CampaignBuilder withHolidays(Holidays holidays) {
      this.holidays = holidays;
      return this;
    }

    /** A reply does not end the sequence (conditions may still look at it). */
    public CampaignBuilder continuingAfterReplies() {
      this.stopOnReply = false;
      return this;
    }

    /** A reply from anyone at the person's company ends the sequence. */
    public CampaignBuilder stoppingOnCompanyReplies() {
      this.stopOnCompanyReply = true;
      return this;
    }

    public CampaignBuilder trackingOpens() {
      this.trackOpens = true;
      return this;
    }

    public CampaignBuilder trackingClicks() {
      this.trackClicks = true;
      return this;
    }

    public CampaignBuilder withMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** A missing template value stops that person's sequence instead of sending. */
    public CampaignBuilder skippingMissingValues() {
      this.skipMissingValues = true;
      return this;
    }

    /** Whether the campaign pauses itself on a bounce or error spike. */
    public CampaignBuilder autoPausingOnSpikes(boolean autoPauseOnSpike) {
      this.autoPauseOnSpike = autoPauseOnSpike;
      return this;
    }

    public CampaignBuilder withSteps(StepBuilder... steps) {
      this.steps.addAll(List.of(steps));
      return this;
    }

    public CampaignDraft build() {
      return new CampaignDraft(
          name,
          new CampaignSettings(
              stopOnReply,
              stopOnCompanyReply,
              trackOpens,
              trackClicks,
              skipMissingValues,
              autoPauseOnSpike),
          new SendingPolicy(mailboxIds, timezone, window, holidays, maxAttempts),
          steps.stream().map(StepBuilder::build).toList());
    }
  }

  /** Routing shared by email and wait steps: the next in order unless given. */
  private abstract static class SequentialStep<S extends SequentialStep<S>> implements StepBuilder {
    final String key;
    private boolean nextGiven;
    private String next;

    SequentialStep(String key) {
      this.key = key;
    }

    abstract S self();

    abstract StepDraft inOrder();

    /** Continues at the step with this key instead of the next in order. */
    public S then(String next) {
      this.nextGiven = true;
      this.next = next;
      return self();
    }

    /** The sequence ends after this step, whatever follows it. */
    public S thenEnd() {
      return then(null);
    }

    @Override
    public StepDraft build() {
      StepDraft draft = inOrder();
      return nextGiven ? draft.continuingAt(next) : draft;
    }
  }

  /** An email step (see {@link #anEmailStep}). */
  public static final class EmailStep extends SequentialStep<EmailStep> {
    private String subject;
    private String body = "Hi {{first_name}}";
    private String bodyHtml;
    private boolean sameThread;
    private Step.AiSpec ai;
    private final List<Step.Variant> variants = new ArrayList<>();
    private Step.WinnerRule winner;
    private String chosenVariant;

    private EmailStep(String key) {
      super(key);
      this.subject = "Hello {{first_name}} (" + key + ")";
    }

    public EmailStep subject(String subject) {
      this.subject = subject;
      return this;
    }

    public EmailStep body(String body) {
      this.body = body;
      return this;
    }

    public EmailStep html(String bodyHtml) {
      this.bodyHtml = bodyHtml;
      return this;
    }

    /** Sent as a reply in the thread of the enrollment's previous email. */
    public EmailStep inSameThread() {
      this.sameThread = true;
      return this;
    }

    /** The text body is personalized by the AI model with these instructions and context. */
    public EmailStep personalized(String instructions, int maxWords, Map<String, String> context) {
      this.ai = new Step.AiSpec(instructions, maxWords, context);
      return this;
    }

    public EmailStep withVariants(Step.Variant... variants) {
      this.variants.addAll(List.of(variants));
      return this;
    }

    public EmailStep pickingWinner(String metric, int afterSends) {
      this.winner = new Step.WinnerRule(metric, afterSends);
      return this;
    }

    /** The A/B winner, once chosen. */
    public EmailStep chosen(String variantKey) {
      this.chosenVariant = variantKey;
      return this;
    }

    public Step.EmailContent content() {
      return new Step.EmailContent(
          subject, body, bodyHtml, sameThread, ai, variants, winner, chosenVariant);
    }

    /** This email as a stored step with {@code id}, first in its campaign. */
    public Step asStep(long id) {
      return new Step(
          id,
          key,
          0,
          StepType.EMAIL,
          content(),
          null,
          null,
          null,
          new Step.Routes(null, null, null));
    }

    @Override
    EmailStep self() {
      return this;
    }

    @Override
    StepDraft inOrder() {
      return StepDraft.ofEmail(key, content());
    }
  }

  /** A wait step (see {@link #aWait}). */
  public static final class WaitStep extends SequentialStep<WaitStep> {
    private final int duration;
    private final WaitUnit unit;
    private boolean businessHoursOnly;

    private WaitStep(String key, int duration, WaitUnit unit) {
      super(key);
      this.duration = duration;
      this.unit = unit;
    }

    /** The end of the wait is moved into the campaign's sending window. */
    public WaitStep inBusinessHoursOnly() {
      this.businessHoursOnly = true;
      return this;
    }

    @Override
    WaitStep self() {
      return this;
    }

    @Override
    StepDraft inOrder() {
      return StepDraft.ofWait(key, new Step.WaitSpec(duration, unit, businessHoursOnly));
    }
  }

  /** A task step (see {@link #aTask}). */
  public static final class TaskStep extends SequentialStep<TaskStep> {
    private final TaskChannel channel;
    private final String instructions;
    private int dueIn = 1;
    private WaitUnit dueUnit = WaitUnit.DAYS;
    private String assignee;
    private TaskOverdue onOverdue = TaskOverdue.WAIT;

    private TaskStep(String key, TaskChannel channel, String instructions) {
      super(key);
      this.channel = channel;
      this.instructions = instructions;
    }

    public TaskStep dueIn(int dueIn, WaitUnit unit) {
      this.dueIn = dueIn;
      this.dueUnit = unit;
      return this;
    }

    /** Assigned to the user with this email instead of the mailbox owner. */
    public TaskStep assignedTo(String email) {
      this.assignee = email;
      return this;
    }

    public TaskStep whenOverdue(TaskOverdue onOverdue) {
      this.onOverdue = onOverdue;
      return this;
    }

    @Override
    TaskStep self() {
      return this;
    }

    @Override
    StepDraft inOrder() {
      return StepDraft.ofTask(
          key, new Step.TaskSpec(channel, instructions, dueIn, dueUnit, assignee, onOverdue));
    }
  }

  /** A condition step (see {@link #aCondition} and {@link #aFieldCondition}). */
  public static final class ConditionStep implements StepBuilder {
    private final String key;
    private final ConditionType type;
    private final String field;
    private final FieldOperator operator;
    private final String value;
    private Integer withinHours;
    private String ifTrue;
    private String ifFalse;

    private ConditionStep(
        String key, ConditionType type, String field, FieldOperator operator, String value) {
      this.key = key;
      this.type = type;
      this.field = field;
      this.operator = operator;
      this.value = value;
    }

    /** Only opens, clicks or replies this many hours after the previous email count. */
    public ConditionStep within(int hours) {
      this.withinHours = hours;
      return this;
    }

    /** Where the sequence continues when the condition holds (null: it ends). */
    public ConditionStep ifTrue(String key) {
      this.ifTrue = key;
      return this;
    }

    /** Where the sequence continues when the condition does not hold (null: it ends). */
    public ConditionStep ifFalse(String key) {
      this.ifFalse = key;
      return this;
    }

    @Override
    public StepDraft build() {
      return StepDraft.ofCondition(
          key, new Step.ConditionSpec(type, field, operator, value, withinHours), ifTrue, ifFalse);
    }
  }
}
