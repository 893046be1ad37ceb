package com.campaignengine.failure;

/** Input broke a rule; names the field (JSON path such as {@code steps[2].wait_duration}). */
public final class ValidationException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public ValidationException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
