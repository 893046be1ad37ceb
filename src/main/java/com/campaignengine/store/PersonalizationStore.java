package com.campaignengine.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** The personalization cache and the per-workspace daily budget of model calls. Thread-safe. */
public interface PersonalizationStore {
  Optional<String> cached(long stepId, long personId, String templateHash);

  void cache(long stepId, long personId, String templateHash, String text, Instant now);

  /** Takes one call from the workspace's budget for the day; false when it is used up. */
  boolean takeBudget(long workspaceId, LocalDate day, int dailyLimit);
}
