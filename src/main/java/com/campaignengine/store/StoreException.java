package com.campaignengine.store;

/** Storage failed (connection lost, constraint broken unexpectedly): infrastructure, unchecked. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
