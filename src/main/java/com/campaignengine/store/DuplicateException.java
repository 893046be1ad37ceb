package com.campaignengine.store;

import com.campaignengine.failure.ConflictException;

/**
 * A unique value (an email address in a workspace) already exists: carries the existing id. The
 * service that called the store names the field.
 */
public final class DuplicateException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public DuplicateException(String message, long existingId) {
    super(null, message, existingId);
  }
}
