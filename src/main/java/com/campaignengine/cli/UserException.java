package com.campaignengine.cli;

import com.campaignengine.failure.CampaignEngineException;

/** A problem the user can fix (bad option value, unusable directory): exit code 2. */
final class UserException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  UserException(String message) {
    super(message);
  }
}
