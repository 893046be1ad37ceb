package com.campaignengine.alerts;

import com.campaignengine.readmodel.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: alert state shared by every node. At most one alert per workspace and key fires at a time
 * (a partial unique index), so of several nodes firing or resolving the same condition exactly one
 * sees its call succeed and notifies. Thread-safe.
 */
public interface AlertStore {

  /** Records {@code alert} as firing; empty if the same key fires already (here or elsewhere). */
  Optional<AlertRecord> fire(long workspaceId, Alert alert, Instant now);

  /**
   * Marks these alerts, firing already, as still seen, with their message as it reads now: an alert
   * shows the current figures (and resolves with the last ones), not those it fired with.
   */
  void seen(long workspaceId, Collection<Alert> alerts, Instant now);

  /**
   * Resolves the workspace's firing alerts whose key is not in {@code stillFiring}, except those of
   * rules in {@code unknownRules} (whose evaluation failed); returns the alerts this call resolved.
   */
  List<AlertRecord> resolveAllExcept(
      long workspaceId,
      Collection<String> stillFiring,
      Collection<String> unknownRules,
      Instant now);

  /** Newest first; {@code status} null means all; {@code beforeId} 0 means from the newest. */
  Page<AlertRecord> list(long workspaceId, AlertStatus status, long beforeId, int limit);
}
