package com.campaignengine.failure;

/**
 * A node cannot start, for a reason its operator can fix: another engine uses the data directory, a
 * port is taken, the database cannot be reached, the secret key differs from the one the database's
 * secrets are sealed with. The message is one line that says what and where; the command line
 * prints it without a stack trace.
 */
public final class StartupException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
