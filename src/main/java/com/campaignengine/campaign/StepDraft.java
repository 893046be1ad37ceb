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
    boolean nextStepGiven,
    String nextStep,
    String trueNextStep,
    String falseNextStep) {}
