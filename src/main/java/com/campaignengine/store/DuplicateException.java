package com.campaignengine.store;

/** A unique value (an email address in a workspace) already exists: carries the existing id. */
public final class DuplicateException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long existingId;

  public DuplicateException(String message, long existingId) {
    super(message);
    this.existingId = existingId;
  }

  public long existingId() {
    return existingId;
  }
}
