package com.campaignengine.access;

import com.campaignengine.failure.CampaignEngineException;

/**
 * Refused (403): the change needs a role the caller lacks, beyond what the route needs (an admin
 * may manage users, but only an owner may make or unmake an owner).
 */
public final class RoleRequired extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  private final Role needed;

  public RoleRequired(Role needed, String why) {
    super(why + ": this needs the " + needed.wire() + " role");
    this.needed = needed;
  }

  public Role needed() {
    return needed;
  }
}
