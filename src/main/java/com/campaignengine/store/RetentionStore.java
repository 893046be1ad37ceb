package com.campaignengine.store;

import java.time.Instant;
import java.util.List;

/** Deletes what is older than the retention period, keeping its counts. */
public interface RetentionStore {
  List<Long> workspaceIds();

  /**
   * Deletes up to {@code limit} finished executions (sent, completed, skipped, cancelled; never
   * dead ones) of the workspace that finished before {@code before}, adding their counts to the
   * campaign's rollups in the same transaction; returns how many were deleted.
   */
  int pruneExecutions(long workspaceId, Instant before, int limit);

  /** Deletes engine events and resolved alerts from before {@code before}; returns how many. */
  int pruneEvents(long workspaceId, Instant before);
}
