package com.campaignengine.store;

import java.time.Instant;

/**
 * What a task step's run writes to its task, in the transaction that moves the run: applied only if
 * the move is (a completion that lost its race writes nothing).
 */
public sealed interface TaskWrite {

  /**
   * Opens the run's task (once: a run has at most one). {@code assignee} is a user's email, or null
   * for the owner of the enrollment's mailbox; {@code instructions} are already rendered.
   */
  record Open(String channel, String instructions, Instant dueAt, String onOverdue, String assignee)
      implements TaskWrite {}

  /** The task is past due and its step waits on: it stays open, marked overdue. */
  record Overdue(long taskId) implements TaskWrite {}

  /** The task is past due and its step went on or ended the sequence: it expires. */
  record Expire(long taskId) implements TaskWrite {}
}
