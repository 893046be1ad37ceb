package com.campaignengine.campaign;

import java.util.List;

/**
 * A campaign as submitted, before it has ids; checked by the campaign service. Tests build it with
 * the builders in their own sources.
 */
public record CampaignDraft(
    String name, CampaignSettings settings, SendingPolicy sending, List<StepDraft> steps) {

  public CampaignDraft {
    steps = List.copyOf(steps);
  }
}
