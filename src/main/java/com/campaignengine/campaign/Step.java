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

  /** Subject and bodies of an email step (templates); {@code ai} null: no personalization. */
  public record EmailContent(
      String subject, String body, String bodyHtml, boolean sameThread, AiSpec ai) {

    public EmailContent(String subject, String body, String bodyHtml, boolean sameThread) {
      this(subject, body, bodyHtml, sameThread, null);
    }
  }

  /**
   * AI personalization of the text body: instructions for the model, a word limit, and context
   * fields (templates rendered for the person, e.g. a job description).
   */
  public record AiSpec(String instructions, int maxWords, java.util.Map<String, String> context) {
    public AiSpec {
      context = context == null ? java.util.Map.of() : java.util.Map.copyOf(context);
    }
  }

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
