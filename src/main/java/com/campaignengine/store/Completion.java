package com.campaignengine.store;

import com.campaignengine.campaign.ExecutionStatus;
import java.time.Instant;

/** How a claimed execution ended; applied in one transaction per batch. */
public sealed interface Completion {

  ClaimedExecution execution();

  /** Optional provider outcome to record with it; null if the step sent nothing. */
  SendUpdate send();

  /** What a task step writes to its task with this completion; null for every other step. */
  default TaskWrite task() {
    return null;
  }

  /**
   * The step is done ({@code SENT}, {@code COMPLETED} or {@code SKIPPED}); the next step (null: the
   * enrollment is complete) is scheduled at {@code nextAt} in the same transaction.
   */
  record Advanced(
      ClaimedExecution execution,
      ExecutionStatus status,
      Long nextStepId,
      Instant nextAt,
      Long emailSendId,
      SendUpdate send,
      TaskWrite task)
      implements Completion {

    public Advanced(
        ClaimedExecution execution,
        ExecutionStatus status,
        Long nextStepId,
        Instant nextAt,
        Long emailSendId,
        SendUpdate send) {
      this(execution, status, nextStepId, nextAt, emailSendId, send, null);
    }
  }

  /**
   * Run it again later; {@code attempt} counts it against the retry budget. A task step waiting for
   * its task is rescheduled (not an attempt) at the task's due time.
   */
  record Rescheduled(
      ClaimedExecution execution,
      Instant at,
      boolean attempt,
      String errorClass,
      String error,
      SendUpdate send,
      TaskWrite task)
      implements Completion {

    public Rescheduled(
        ClaimedExecution execution,
        Instant at,
        boolean attempt,
        String errorClass,
        String error,
        SendUpdate send) {
      this(execution, at, attempt, errorClass, error, send, null);
    }
  }

  /** Dead-lettered: the enrollment fails until an operator retries it. */
  record DeadLettered(ClaimedExecution execution, String errorClass, String error, SendUpdate send)
      implements Completion {}

  /** Held back (its mailbox is disconnected) until released; not an attempt. */
  record Held(ClaimedExecution execution, String reason, SendUpdate send) implements Completion {}

  /**
   * Nothing may be sent to this person any more (suppressed: bounced or unsubscribed): the
   * execution is cancelled and the enrollment ends with {@code ending}.
   */
  record Ended(ClaimedExecution execution, String ending, String reason) implements Completion {
    @Override
    public SendUpdate send() {
      return null;
    }
  }

  /** The enrollment stopped meanwhile; nothing more runs. */
  record Cancelled(ClaimedExecution execution, String reason) implements Completion {
    @Override
    public SendUpdate send() {
      return null;
    }
  }
}
