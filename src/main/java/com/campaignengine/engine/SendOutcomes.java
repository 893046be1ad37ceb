package com.campaignengine.engine;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.mail.SendResult;
import com.campaignengine.store.Completion;
import com.campaignengine.store.SendSlot;
import com.campaignengine.store.SendUpdate;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a provider's answer to one send means for the execution: sent advances it; a transient
 * failure retries it (or dead-letters it after the campaign's last attempt); a permanent one
 * dead-letters it. Refused credentials and a provider's limit are the mailbox's, not the person's:
 * the mailbox is disconnected or deferred, and the work waits.
 */
final class SendOutcomes {
  private static final Logger LOG = LoggerFactory.getLogger(SendOutcomes.class);

  private final SendOperations operations;
  private final RetryPolicy retryPolicy;

  SendOutcomes(SendOperations operations, RetryPolicy retryPolicy) {
    this.operations = operations;
    this.retryPolicy = retryPolicy;
  }

  Completion classify(StepRun run, SendSlot slot, SendResult result, Instant now) {
    long sendId = slot.sendId();
    int attemptsAfter = run.execution().attempts() + 1;
    if (result instanceof SendResult.Sent sent) {
      LOG.debug(
          "Execution(id={}, enrollment={}) sent {}",
          run.execution().id(),
          run.execution().enrollmentId(),
          slot.messageId());
      return Routing.advance(
          run,
          ExecutionStatus.SENT,
          run.step().routes().next(),
          now,
          sendId,
          SendUpdate.sent(sendId, sent.providerMessageId(), sent.threadId()));
    }
    if (result instanceof SendResult.RetryableFailure retry) {
      SendUpdate failed = SendUpdate.failed(sendId, retry.reason());
      if (attemptsAfter >= run.campaign().sending().maxAttempts()) {
        return new Completion.DeadLettered(run.execution(), "transient", retry.reason(), failed);
      }
      Instant at = retryPolicy.nextAttempt(now, run.execution().attempts(), retry.retryAfter());
      return new Completion.Rescheduled(
          run.execution(), at, true, "transient", retry.reason(), failed);
    }
    if (result instanceof SendResult.AuthFailure auth) {
      // Revoked credentials are the mailbox's problem, not the person's: park, do not fail.
      LOG.warn(
          "Mailbox(id={}) refused credentials: {}", run.context().mailbox().id(), auth.reason());
      operations.disconnectMailbox(run.context().mailbox().id(), auth.reason(), now);
      return new Completion.Held(
          run.execution(),
          "mailbox disconnected: " + auth.reason(),
          SendUpdate.failed(sendId, auth.reason()));
    }
    if (result instanceof SendResult.RateLimited limited) {
      // A provider limit: the whole mailbox waits for its reset; not a failure, not an attempt.
      Instant until = now.plus(limited.resetAfter());
      operations.deferMailbox(run.context().mailbox().id(), limited.reason(), until, now);
      return new Completion.Rescheduled(
          run.execution(),
          until,
          false,
          "rate_limited",
          limited.reason(),
          SendUpdate.failed(sendId, limited.reason()));
    }
    if (result instanceof SendResult.PermanentFailure permanent) {
      return new Completion.DeadLettered(
          run.execution(),
          "permanent",
          permanent.reason(),
          SendUpdate.failed(sendId, permanent.reason()));
    }
    throw new IllegalStateException("unclassified send result " + result);
  }
}
