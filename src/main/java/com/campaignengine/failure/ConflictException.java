package com.campaignengine.failure;

/**
 * The request conflicts with the current state (a duplicate, a state that forbids the change).
 * Carries the field it concerns and, for a duplicate, the id of what already exists (else null).
 */
public class ConflictException extends CampaignEngineException {
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
