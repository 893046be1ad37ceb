package com.campaignengine.api;

import com.campaignengine.campaign.ConditionType;
import com.campaignengine.campaign.FieldOperator;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepDraft;
import com.campaignengine.campaign.StepType;
import com.campaignengine.campaign.TaskChannel;
import com.campaignengine.campaign.TaskOverdue;
import com.campaignengine.campaign.WaitUnit;
import com.campaignengine.failure.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One element of {@code steps} to a draft. Routing is by client keys: {@code next_step} for email,
 * wait and task steps (absent = the next in order, null = end), {@code true_next_step} and {@code
 * false_next_step} for conditions (absent or null = end).
 */
final class StepRequests {
  private StepRequests() {}

  static StepDraft draft(JsonInput step) {
    String key = step.optionalText("key");
    StepType type = enumValue(step, "type", StepType::fromWire, StepType.values());
    if (type == StepType.CONDITION) {
      refuse(step, "next_step", "a condition continues at true_next_step or false_next_step");
      return new StepDraft(
          key,
          type,
          null,
          null,
          condition(step),
          null,
          false,
          null,
          step.optionalText("true_next_step"),
          step.optionalText("false_next_step"));
    }
    refuse(step, "true_next_step", "only condition steps branch");
    refuse(step, "false_next_step", "only condition steps branch");
    if (type != StepType.EMAIL) {
      refuse(step, "variants", "only email steps have variants");
      refuse(step, "pick_winner", "only email steps have variants");
    }
    Step.EmailContent email = type == StepType.EMAIL ? email(step) : null;
    Step.WaitSpec wait = type == StepType.WAIT ? waitSpec(step) : null;
    Step.TaskSpec task = type == StepType.TASK ? task(step) : null;
    return new StepDraft(
        key,
        type,
        email,
        wait,
        null,
        task,
        step.has("next_step"),
        step.optionalText("next_step"),
        null,
        null);
  }

  private static Step.EmailContent email(JsonInput step) {
    return new Step.EmailContent(
        step.optionalText("subject"),
        step.optionalText("body"),
        step.optionalText("body_html"),
        step.optionalBool("same_thread", false),
        ai(step.optionalObject("ai")),
        variants(step),
        winner(step.optionalObject("pick_winner")),
        null);
  }

  /** {@code variants: [{key, weight (default 1), subject?, body?, body_html?}]}. */
  private static java.util.List<Step.Variant> variants(JsonInput step) {
    java.util.List<Step.Variant> variants = new java.util.ArrayList<>();
    for (JsonInput variant : step.objects("variants")) {
      variants.add(
          new Step.Variant(
              variant.optionalText("key"),
              variant.optionalInt("weight", 1),
              variant.optionalText("subject"),
              variant.optionalText("body"),
              variant.optionalText("body_html")));
    }
    return variants;
  }

  /** {@code pick_winner: {metric: reply_rate | click_rate | open_rate, after_sends: N}}. */
  private static Step.WinnerRule winner(JsonInput pick) {
    return pick == null
        ? null
        : new Step.WinnerRule(pick.requiredText("metric"), pick.requiredInt("after_sends"));
  }

  /** {@code ai: {instructions, max_words (default 150), context: {name: template}}}. */
  private static Step.AiSpec ai(JsonInput ai) {
    if (ai == null) {
      return null;
    }
    String instructions = ai.requiredText("instructions");
    if (instructions.length() > 4000) {
      throw new ValidationException(
          ai.path("instructions"), "instructions must be at most 4000 characters");
    }
    int maxWords = ai.optionalInt("max_words", 150);
    if (maxWords < 10 || maxWords > 1000) {
      throw new ValidationException(ai.path("max_words"), "max_words must be between 10 and 1000");
    }
    return new Step.AiSpec(instructions, maxWords, ai.scalarMap("context"));
  }

  private static Step.WaitSpec waitSpec(JsonInput step) {
    int duration = step.requiredInt("wait_duration");
    WaitUnit unit = enumValue(step, "wait_unit", WaitUnit::fromWire, WaitUnit.values());
    return new Step.WaitSpec(duration, unit, step.optionalBool("business_hours_only", false));
  }

  /**
   * {@code channel}, {@code instructions} (a template), {@code due_in} + {@code due_unit}, {@code
   * assignee} (a user's email; absent: the mailbox owner), {@code on_overdue} (default wait).
   */
  private static Step.TaskSpec task(JsonInput step) {
    TaskChannel channel = enumValue(step, "channel", TaskChannel::fromWire, TaskChannel.values());
    String instructions = step.requiredText("instructions");
    int dueIn = step.requiredInt("due_in");
    WaitUnit dueUnit = enumValue(step, "due_unit", WaitUnit::fromWire, WaitUnit.values());
    TaskOverdue onOverdue =
        step.value("on_overdue") == null
            ? TaskOverdue.WAIT
            : enumValue(step, "on_overdue", TaskOverdue::fromWire, TaskOverdue.values());
    return new Step.TaskSpec(
        channel, instructions, dueIn, dueUnit, step.optionalText("assignee"), onOverdue);
  }

  private static Step.ConditionSpec condition(JsonInput step) {
    ConditionType type =
        enumValue(step, "condition_type", ConditionType::fromWire, ConditionType.values());
    if (type == ConditionType.TASK_OUTCOME) {
      refuse(step, "within_hours", "a task outcome is what the person doing the task gave");
      refuse(step, "field", "a task_outcome condition tests the outcome of the latest task");
      return new Step.ConditionSpec(type, null, operator(step), step.optionalText("value"));
    }
    if (type != ConditionType.FIELD) {
      Integer within = step.optionalInt("within_hours");
      if (within != null && (within < 1 || within > 24 * 366)) {
        throw new ValidationException(step.path("within_hours"), "within_hours must be 1 to 8784");
      }
      return new Step.ConditionSpec(type, null, null, null, within);
    }
    refuse(step, "within_hours", "only opened, clicked and replied conditions look at time");
    return new Step.ConditionSpec(
        type, step.optionalText("field"), operator(step), step.optionalText("value"));
  }

  private static FieldOperator operator(JsonInput step) {
    return step.value("operator") == null
        ? null
        : enumValue(step, "operator", FieldOperator::fromWire, FieldOperator.values());
  }

  private static void refuse(JsonInput step, String name, String why) {
    if (step.has(name)) {
      throw new ValidationException(step.path(name), name + " does not apply here: " + why);
    }
  }

  private static <E extends Enum<E>> E enumValue(
      JsonInput step, String name, Function<String, Optional<E>> fromWire, E[] values) {
    String text = step.requiredText(name);
    return fromWire
        .apply(text)
        .orElseThrow(
            () ->
                new ValidationException(
                    step.path(name),
                    "unknown "
                        + name
                        + " '"
                        + text
                        + "' (use one of "
                        + Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList()
                        + ")"));
  }
}
