package com.campaignengine.campaign;

import com.campaignengine.failure.CampaignEngineException;

/**
 * A lifecycle was asked to make a move its transition table does not allow: a defect or a conflict.
 */
public final class IllegalTransitionException extends CampaignEngineException {
  private static final long serialVersionUID = 1L;

  public IllegalTransitionException(String lifecycle, Object from, Object to) {
    super(lifecycle + " cannot move from " + from + " to " + to);
  }
}
