package com.campaignengine.app;

/** Input broke a rule; names the field (JSON path such as {@code steps[2].wait_duration}). */
public final class ValidationException extends RuntimeException {
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
