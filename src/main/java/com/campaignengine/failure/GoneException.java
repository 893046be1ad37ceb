package com.campaignengine.failure;

/** What was asked for existed but is no more to be had: a used or expired one-time link (410). */
public final class GoneException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public GoneException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
