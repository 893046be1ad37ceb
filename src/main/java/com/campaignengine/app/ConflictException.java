package com.campaignengine.app;

/** The request conflicts with the current state (a duplicate, an illegal lifecycle move). */
public final class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final Long existingId;

  public ConflictException(String field, String message, Long existingId) {
    super(message);
    this.field = field;
    this.existingId = existingId;
  }

  public String field() {
    return field;
  }

  public Long existingId() {
    return existingId;
  }
}
