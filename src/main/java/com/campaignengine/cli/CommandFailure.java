package com.campaignengine.cli;

import com.campaignengine.failure.CampaignEngineException;

/** A client command cannot go on: its one-line message and the exit code it means. */
final class CommandFailure extends CampaignEngineException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CommandFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
