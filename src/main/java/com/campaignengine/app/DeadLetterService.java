package com.campaignengine.app;

import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.readmodel.DeadExecution;
import com.campaignengine.readmodel.Page;
import com.campaignengine.store.DeadLetterStore;
import java.time.Clock;

/** The dead-letter queue as operators see it. */
public final class DeadLetterService {
  private final CampaignService campaigns;
  private final DeadLetterStore deadLetters;
  private final Clock clock;

  public DeadLetterService(CampaignService campaigns, DeadLetterStore deadLetters, Clock clock) {
    this.campaigns = campaigns;
    this.deadLetters = deadLetters;
    this.clock = clock;
  }

  public Page<DeadExecution> list(long workspaceId, Long campaignId, long afterId, int limit) {
    return deadLetters.list(workspaceId, campaignId, afterId, limit);
  }

  /** What a retry of a whole campaign did: re-queued, and skipped because the enrollment ended. */
  public record RetryAll(int requeued, int skipped) {}

  /** Re-queues every dead execution of a campaign (stops and suppressions still hold). */
  public RetryAll retryAll(long workspaceId, long campaignId) {
    campaigns.get(workspaceId, campaignId);
    int requeued = 0;
    int skipped = 0;
    long after = 0;
    while (true) {
      Page<DeadExecution> page = deadLetters.list(workspaceId, campaignId, after, 500);
      for (DeadExecution dead : page.items()) {
        if (deadLetters.retry(workspaceId, dead.id(), clock.instant())) {
          requeued++;
        } else {
          skipped++;
        }
      }
      if (page.nextCursor() == null) {
        return new RetryAll(requeued, skipped);
      }
      after = Long.parseLong(page.nextCursor());
    }
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
