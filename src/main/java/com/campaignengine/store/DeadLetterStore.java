package com.campaignengine.store;

import com.campaignengine.readmodel.DeadExecution;
import com.campaignengine.readmodel.Page;
import java.time.Instant;
import java.util.Optional;

/** The dead-letter queue: executions whose retries ran out or whose error was permanent. */
public interface DeadLetterStore {
  Page<DeadExecution> list(long workspaceId, Long campaignId, long afterId, int limit);

  Optional<DeadExecution> find(long workspaceId, long executionId);

  /**
   * Re-queues a dead execution now with a fresh retry budget, reviving its failed enrollment; does
   * nothing if the enrollment has since ended (a stop still holds). False if not dead.
   */
  boolean retry(long workspaceId, long executionId, Instant now);
}
