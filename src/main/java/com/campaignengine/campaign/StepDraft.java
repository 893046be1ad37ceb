package com.campaignengine.campaign;

/**
 * A step as submitted, routing by client keys. {@code nextStep} absent means "the next in order";
 * present with a null key means "end here". Condition branches are null to end.
 */
public record StepDraft(
    String key,
    StepType type,
    Step.EmailContent email,
    Step.WaitSpec waitSpec,
    Step.ConditionSpec condition,
    Step.TaskSpec task,
    boolean nextStepGiven,
    String nextStep,
    String trueNextStep,
    String falseNextStep) {

  /** An email step that continues with the next step in order. */
  public static StepDraft ofEmail(String key, Step.EmailContent email) {
    return new StepDraft(key, StepType.EMAIL, email, null, null, null, false, null, null, null);
  }

  /** A wait step that continues with the next step in order. */
  public static StepDraft ofWait(String key, Step.WaitSpec waitSpec) {
    return new StepDraft(key, StepType.WAIT, null, waitSpec, null, null, false, null, null, null);
  }

  /** A condition step continuing at {@code ifTrue} or {@code ifFalse} (null: end there). */
  public static StepDraft ofCondition(
      String key, Step.ConditionSpec condition, String ifTrue, String ifFalse) {
    return new StepDraft(
        key, StepType.CONDITION, null, null, condition, null, false, null, ifTrue, ifFalse);
  }

  /** A task step that continues with the next step in order. */
  public static StepDraft ofTask(String key, Step.TaskSpec task) {
    return new StepDraft(key, StepType.TASK, null, null, null, task, false, null, null, null);
  }

  /** This email, wait or task step continuing at {@code next} instead; null ends the sequence. */
  public StepDraft continuingAt(String next) {
    return new StepDraft(
        key, type, email, waitSpec, condition, task, true, next, trueNextStep, falseNextStep);
  }
}
