package com.campaignengine.campaign;

/**
 * One step of a campaign. Exactly one of {@code email}, {@code waitSpec}, {@code condition} is set,
 * matching {@code type}. Routing ids are null where the sequence ends.
 */
public record Step(
    long id,
    String key,
    int order,
    StepType type,
    EmailContent email,
    WaitSpec waitSpec,
    ConditionSpec condition,
    Long nextStepId,
    Long trueNextStepId,
    Long falseNextStepId) {

  /** Subject and bodies of an email step (templates). */
  public record EmailContent(String subject, String body, String bodyHtml, boolean sameThread) {}

  /** How long a wait step waits. */
  public record WaitSpec(int duration, WaitUnit unit, boolean businessHoursOnly) {}

  /**
   * What a condition step tests. {@code field}, {@code operator}, {@code value} for FIELD only;
   * {@code withinHours} (null: any time) limits opened/clicked/replied to the hours after the
   * enrollment's previous email.
   */
  public record ConditionSpec(
      ConditionType type, String field, FieldOperator operator, String value, Integer withinHours) {

    public ConditionSpec(ConditionType type, String field, FieldOperator operator, String value) {
      this(type, field, operator, value, null);
    }
  }
}
