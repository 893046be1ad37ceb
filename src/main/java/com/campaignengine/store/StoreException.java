package com.campaignengine.store;

import com.campaignengine.failure.CampaignEngineException;

/** Storage failed (connection lost, constraint broken unexpectedly): infrastructure, unchecked. */
public final class StoreException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  public StoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * {@code transientFailure}: the database was unreachable or cut the connection (restart,
   * terminated backend, too many clients, deadlock); the same work may simply be tried again soon.
   */
  public StoreException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  public boolean transientFailure() {
    return transientFailure;
  }
}
