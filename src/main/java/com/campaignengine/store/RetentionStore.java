package com.campaignengine.store;

import java.time.Instant;
import java.util.List;

/** Deletes what is older than the retention period, keeping its counts. */
public interface RetentionStore {
  /** A workspace and its own retention in days; null when it uses the server's default. */
  record WorkspaceRetention(long workspaceId, Integer retentionDays) {}

  /** Every workspace with its retention setting. */
  List<WorkspaceRetention> workspaces();

  /** The workspace's own retention in days, or null when it uses the server's default. */
  Integer retentionDays(long workspaceId);

  /** Sets (or, with null, clears) the workspace's own retention. */
  void setRetentionDays(long workspaceId, Integer days, Instant now);

  /**
   * Deletes up to {@code limit} finished executions (sent, completed, skipped, cancelled; never
   * dead ones) of the workspace that finished before {@code before}, adding their counts to the
   * campaign's rollups in the same transaction; returns how many were deleted.
   */
  int pruneExecutions(long workspaceId, Instant before, int limit);

  /**
   * Deletes engine events, resolved alerts, the record of inbound messages seen (their
   * de-duplication), audit log rows and the events received from the host application or an ATS
   * ({@code /api/v1/events}) from before {@code before}; returns how many.
   */
  int pruneEvents(long workspaceId, Instant before);

  /**
   * Deletes what has expired whatever the retention: login states of single sign-on and of mailbox
   * connects (they hold PKCE verifiers), dashboard sessions, login failures older than a day, and
   * signed deliveries remembered for more than eight days; returns how many.
   */
  int pruneExpired(Instant now);
}
