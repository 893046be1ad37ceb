package com.campaignengine.app;

import com.campaignengine.store.DeadExecution;
import com.campaignengine.store.DeadLetterStore;
import com.campaignengine.store.Page;
import java.time.Clock;

/** The dead-letter queue as operators see it. */
public final class DeadLetterService {
  private final DeadLetterStore deadLetters;
  private final Clock clock;

  public DeadLetterService(DeadLetterStore deadLetters, Clock clock) {
    this.deadLetters = deadLetters;
    this.clock = clock;
  }

  public Page<DeadExecution> list(long workspaceId, Long campaignId, long afterId, int limit) {
    return deadLetters.list(workspaceId, campaignId, afterId, limit);
  }

  /** Re-queues a dead execution; 404 if unknown, 409 if its enrollment has ended. */
  public void retry(long workspaceId, long executionId) {
    if (deadLetters.find(workspaceId, executionId).isEmpty()) {
      throw new NotFoundException("no dead execution " + executionId);
    }
    if (!deadLetters.retry(workspaceId, executionId, clock.instant())) {
      throw new ConflictException(
          "execution_id", "the enrollment has ended since; nothing to retry", null);
    }
  }
}
