package com.campaignengine.store;

import com.campaignengine.campaign.TaskStatus;
import com.campaignengine.readmodel.TaskQuery;
import com.campaignengine.readmodel.TaskView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the tasks that task steps open, as people list and close them. */
public interface TaskStore {

  List<TaskView> list(long workspaceId, TaskQuery query, Instant now);

  Optional<TaskView> find(long workspaceId, long taskId, Instant now);

  /**
   * Closes an open task as {@code completed} (with {@code outcome}, may be null) or {@code skipped}
   * by {@code actor}, and makes its run due now so the sequence goes on; in one transaction, with
   * the enrollment and its run locked first (the engine's lock order).
   */
  Change close(
      long workspaceId, long taskId, TaskStatus status, String outcome, String actor, Instant now);

  /** Gives an open task to another user ({@code userId} null: to nobody, anyone may do it). */
  Change reassign(long workspaceId, long taskId, Long userId, Instant now);

  /** How a change went: done, no such task, or the task is not open (its status says why). */
  sealed interface Change {
    record Done(TaskView task) implements Change {}

    record NotFound() implements Change {}

    record NotOpen(TaskView task) implements Change {}
  }
}
