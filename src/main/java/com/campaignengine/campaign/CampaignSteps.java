package com.campaignengine.campaign;

import java.util.List;
import java.util.Optional;

/**
 * A campaign's steps: those of its current version in order, and those of earlier versions, on
 * which enrollments still in flight may run (an edit never changes a step in place).
 */
public record CampaignSteps(List<Step> current, List<Step> earlier) {

  public CampaignSteps {
    current = List.copyOf(current);
    earlier = List.copyOf(earlier);
  }

  public Step first() {
    return current.get(0);
  }

  /** A step of any version, by id: executions name the step they run. */
  public Optional<Step> byId(long stepId) {
    return current.stream()
        .filter(s -> s.id() == stepId)
        .findFirst()
        .or(() -> earlier.stream().filter(s -> s.id() == stepId).findFirst());
  }

  /** A step of the current version, by its key. */
  public Optional<Step> byKey(String key) {
    return current.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
