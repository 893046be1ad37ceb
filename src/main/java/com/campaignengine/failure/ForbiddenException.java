package com.campaignengine.failure;

/**
 * The caller may not do this to this object (403), though its role may do it to others: a member
 * changing a mailbox that is not theirs, or sending from one not shared with them.
 */
public class ForbiddenException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public ForbiddenException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
