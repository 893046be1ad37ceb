package com.campaignengine.app;

import com.campaignengine.access.Role;
import com.campaignengine.campaign.TaskStatus;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.TaskQuery;
import com.campaignengine.readmodel.TaskView;
import com.campaignengine.store.TaskStore;
import com.campaignengine.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The tasks that task steps open, and the people who do them: listing, completing (with an outcome
 * a condition can branch on) and skipping. Closing a task moves its sequence on at once.
 */
public final class TaskList {
  /** An outcome is a short label a condition compares ("connected", "no_answer"). */
  public static final int MAX_OUTCOME = 200;

  private final TaskStore tasks;
  private final UserStore users;
  private final Clock clock;

  public TaskList(TaskStore tasks, UserStore users, Clock clock) {
    this.tasks = tasks;
    this.users = users;
    this.clock = clock;
  }

  public List<TaskView> list(long workspaceId, TaskQuery query) {
    return tasks.list(workspaceId, query, clock.instant());
  }

  public Optional<TaskView> find(long workspaceId, long taskId) {
    return tasks.find(workspaceId, taskId, clock.instant());
  }

  /** Completes an open task; {@code outcome} may be null. 404 if unknown, 409 if not open. */
  public TaskView complete(long workspaceId, long taskId, String outcome, String actor) {
    if (outcome != null) {
      String trimmed = outcome.strip();
      if (trimmed.isEmpty()
          || trimmed.length() > MAX_OUTCOME
          || trimmed.chars().anyMatch(Character::isISOControl)) {
        throw new ValidationException(
            "outcome", "outcome must be 1 to " + MAX_OUTCOME + " characters on one line");
      }
      outcome = trimmed;
    }
    return close(workspaceId, taskId, TaskStatus.COMPLETED, outcome, actor);
  }

  /** Skips an open task: the sequence goes on without an outcome. */
  public TaskView skip(long workspaceId, long taskId, String actor) {
    return close(workspaceId, taskId, TaskStatus.SKIPPED, null, actor);
  }

  /**
   * Gives an open task to the user with {@code assignee} as email (a member or above of the
   * workspace, else 422 naming {@code assignee}), or with null to nobody (anyone may do it).
   */
  public TaskView reassign(long workspaceId, long taskId, String assignee) {
    Long userId = null;
    if (assignee != null) {
      userId =
          users
              .findByEmail(assignee.strip())
              .filter(u -> u.workspaceId() == workspaceId && u.role().includes(Role.MEMBER))
              .map(UserStore.StoredUser::id)
              .orElseThrow(
                  () ->
                      new ValidationException(
                          "assignee",
                          "no user '"
                              + assignee
                              + "' who may do tasks (member or above) in this workspace"));
    }
    return outcome(taskId, tasks.reassign(workspaceId, taskId, userId, clock.instant()));
  }

  private TaskView close(
      long workspaceId, long taskId, TaskStatus status, String outcome, String actor) {
    return outcome(
        taskId, tasks.close(workspaceId, taskId, status, outcome, actor, clock.instant()));
  }

  private static TaskView outcome(long taskId, TaskStore.Change change) {
    if (change instanceof TaskStore.Change.Done done) {
      return done.task();
    }
    if (change instanceof TaskStore.Change.NotOpen notOpen) {
      TaskView task = notOpen.task();
      String why =
          task.status() == TaskStatus.CANCELLED
              ? "its sequence has ended"
              : "it is already " + task.status().wireName();
      throw new ConflictException("status", "task " + taskId + " is not open: " + why, null);
    }
    throw new NotFoundException("no task " + taskId);
  }
}
