package com.campaignengine.store;

import com.campaignengine.campaign.TaskStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** What an inline step may read, in the claim's transaction. */
public interface StepReads {

  /** Enrollment status and person (no mailbox: an inline step sends nothing) per enrollment id. */
  Map<Long, RunContext> people(Collection<Long> enrollmentIds);

  /** Recorded replies, opens and clicks for each enrollment id. */
  Map<Long, Engagement> engagement(Collection<Long> enrollmentIds);

  /** The task each run of a task step opened, by the run's execution id (absent: none yet). */
  Map<Long, Task> tasks(Collection<Long> executionIds);

  /**
   * The outcome of each enrollment's latest task, by enrollment id: absent if it has none, or its
   * latest was not completed with an outcome.
   */
  Map<Long, String> taskOutcomes(Collection<Long> enrollmentIds);

  /** A task as its step sees it. */
  record Task(long id, TaskStatus status, String outcome, Instant dueAt, Instant overdueAt) {}
}
