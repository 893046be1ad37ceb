package com.campaignengine.campaign;

/**
 * One step of a campaign. Exactly one of {@code email}, {@code waitSpec}, {@code condition}, {@code
 * task} is set, matching {@code type}; {@code routes} says where the sequence goes next.
 */
public record Step(
    long id,
    String key,
    int order,
    StepType type,
    EmailContent email,
    WaitSpec waitSpec,
    ConditionSpec condition,
    TaskSpec task,
    Routes routes) {

  /**
   * Where the sequence continues, by step id: {@code next} after an email, wait or task step,
   * {@code ifTrue} or {@code ifFalse} after a condition; null where it ends.
   */
  public record Routes(Long next, Long ifTrue, Long ifFalse) {}

  /**
   * Subject and bodies of an email step (templates); {@code ai} null: no personalization. {@code
   * variants}: empty, or two or more A/B variants, each overriding the fields it sets; {@code
   * winner}: how a winner is chosen automatically (null: never); {@code chosenVariant}: the winner
   * once chosen, which every later send uses.
   */
  public record EmailContent(
      String subject,
      String body,
      String bodyHtml,
      boolean sameThread,
      AiSpec ai,
      java.util.List<Variant> variants,
      WinnerRule winner,
      String chosenVariant) {

    public EmailContent {
      variants = variants == null ? java.util.List.of() : java.util.List.copyOf(variants);
    }

    public EmailContent(
        String subject, String body, String bodyHtml, boolean sameThread, AiSpec ai) {
      this(subject, body, bodyHtml, sameThread, ai, java.util.List.of(), null, null);
    }

    public EmailContent(String subject, String body, String bodyHtml, boolean sameThread) {
      this(subject, body, bodyHtml, sameThread, null);
    }

    public boolean hasVariants() {
      return !variants.isEmpty();
    }

    public java.util.Optional<Variant> variant(String key) {
      return variants.stream().filter(v -> v.key().equals(key)).findFirst();
    }

    /** The content one variant sends: its own fields where set, the step's elsewhere. */
    public EmailContent as(Variant variant) {
      return new EmailContent(
          variant.subject() == null ? subject : variant.subject(),
          variant.body() == null ? body : variant.body(),
          variant.bodyHtml() == null ? bodyHtml : variant.bodyHtml(),
          sameThread,
          ai,
          java.util.List.of(),
          null,
          null);
    }
  }

  /** One A/B variant of an email step; null fields fall back to the step's. */
  public record Variant(String key, int weight, String subject, String body, String bodyHtml) {}

  /**
   * Choose the variant with the best {@code metric} (reply_rate, click_rate, open_rate) once every
   * variant has {@code afterSends} sends.
   */
  public record WinnerRule(String metric, int afterSends) {
    public static final java.util.List<String> METRICS =
        java.util.List.of("reply_rate", "click_rate", "open_rate");
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

  /**
   * A task for a person (a LinkedIn request, a call): the sequence waits until it is completed or
   * skipped, or until {@code dueIn} {@code dueUnit} have passed, then does what {@code onOverdue}
   * says. {@code instructions} is a template rendered with the person's fields when the task opens;
   * {@code assignee} is a user's email, or null for the owner of the enrollment's mailbox.
   */
  public record TaskSpec(
      TaskChannel channel,
      String instructions,
      int dueIn,
      WaitUnit dueUnit,
      String assignee,
      TaskOverdue onOverdue) {}
}
