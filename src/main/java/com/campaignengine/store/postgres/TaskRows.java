package com.campaignengine.store.postgres;

import com.campaignengine.campaign.TaskStatus;
import com.campaignengine.store.Completion;
import com.campaignengine.store.StepReads;
import com.campaignengine.store.TaskWrite;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's side of {@code campaign_tasks}: what a task step reads in its claim, and the task
 * writes its completions carry, applied with the moves that won. The claim holds the runs' rows, so
 * nobody else writes these tasks meanwhile: closing a task through the API locks the run first.
 */
final class TaskRows {

  private static final String TASKS =
      """
      SELECT execution_id, id, status, outcome, due_at, overdue_at
        FROM campaign_tasks WHERE execution_id = ANY(?)
      """;

  private static final String OUTCOMES =
      """
      SELECT DISTINCT ON (enrollment_id) enrollment_id, status, outcome
        FROM campaign_tasks WHERE enrollment_id = ANY(?)
       ORDER BY enrollment_id, id DESC
      """;

  /**
   * The assignee: the named user of the workspace, else the owner of the enrollment's mailbox
   * (null: the workspace's, anyone may do it). A run opens its task once.
   */
  private static final String OPEN =
      """
      INSERT INTO campaign_tasks (workspace_id, campaign_id, enrollment_id, step_id,
             execution_id, channel, instructions, assignee_user_id, due_at, on_overdue, created_at)
      SELECT l.workspace_id, l.campaign_id, l.id, x.step_id, x.execution_id,
             x.channel, x.instructions,
             coalesce((SELECT u.id FROM users u
                        WHERE u.workspace_id = l.workspace_id
                          AND lower(u.email) = lower(x.assignee)), m.owner_user_id),
             x.due_at, x.on_overdue, ?
        FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                    ?::timestamptz[], ?::text[])
             AS x(enrollment_id, step_id, execution_id, channel, instructions, assignee, due_at,
                  on_overdue)
        JOIN campaign_sequence_leads l ON l.id = x.enrollment_id
        JOIN mailboxes m ON m.id = l.mailbox_id
      ON CONFLICT (execution_id) DO NOTHING
      """;

  private static final String OVERDUE =
      "UPDATE campaign_tasks SET overdue_at = ? WHERE id = ANY(?) AND status = 'open'";

  private static final String EXPIRE =
      """
      UPDATE campaign_tasks
         SET status = 'expired', overdue_at = coalesce(overdue_at, ?), closed_by = 'overdue',
             closed_at = ?
       WHERE id = ANY(?) AND status = 'open'
      """;

  private TaskRows() {}

  static Map<Long, StepReads.Task> tasks(Connection c, Collection<Long> executionIds)
      throws SQLException {
    Map<Long, StepReads.Task> tasks = new HashMap<>();
    Sql.query(
        c,
        TASKS,
        rs ->
            tasks.put(
                rs.getLong("execution_id"),
                new StepReads.Task(
                    rs.getLong("id"),
                    TaskStatus.fromWire(rs.getString("status")).orElseThrow(),
                    rs.getString("outcome"),
                    Sql.instant(rs, "due_at"),
                    Sql.instant(rs, "overdue_at"))),
        (Object) Sql.longs(executionIds));
    return tasks;
  }

  static Map<Long, String> outcomes(Connection c, Collection<Long> enrollmentIds)
      throws SQLException {
    Map<Long, String> outcomes = new HashMap<>();
    Sql.query(
        c,
        OUTCOMES,
        rs -> {
          if ("completed".equals(rs.getString("status")) && rs.getString("outcome") != null) {
            outcomes.put(rs.getLong("enrollment_id"), rs.getString("outcome"));
          }
          return null;
        },
        (Object) Sql.longs(enrollmentIds));
    return outcomes;
  }

  /** The task writes of the completions whose moves won, in one statement per kind. */
  static void apply(Connection c, List<Completion> won, Instant now) throws SQLException {
    List<Completion> opening = new ArrayList<>();
    List<Long> overdue = new ArrayList<>();
    List<Long> expired = new ArrayList<>();
    for (Completion completion : won) {
      TaskWrite write = completion.task();
      if (write instanceof TaskWrite.Open) {
        opening.add(completion);
      } else if (write instanceof TaskWrite.Overdue o) {
        overdue.add(o.taskId());
      } else if (write instanceof TaskWrite.Expire e) {
        expired.add(e.taskId());
      }
    }
    if (!opening.isEmpty()) {
      open(c, opening, now);
    }
    if (!overdue.isEmpty()) {
      Sql.update(c, OVERDUE, now, Sql.longs(overdue));
    }
    if (!expired.isEmpty()) {
      Sql.update(c, EXPIRE, now, now, Sql.longs(expired));
    }
  }

  private static void open(Connection c, List<Completion> opening, Instant now)
      throws SQLException {
    int n = opening.size();
    Long[] enrollment = new Long[n];
    Long[] step = new Long[n];
    Long[] execution = new Long[n];
    String[] channel = new String[n];
    String[] instructions = new String[n];
    String[] assignee = new String[n];
    Instant[] due = new Instant[n];
    String[] onOverdue = new String[n];
    for (int i = 0; i < n; i++) {
      Completion completion = opening.get(i);
      TaskWrite.Open open = (TaskWrite.Open) completion.task();
      enrollment[i] = completion.execution().enrollmentId();
      step[i] = completion.execution().stepId();
      execution[i] = completion.execution().id();
      channel[i] = open.channel();
      instructions[i] = open.instructions();
      assignee[i] = open.assignee();
      due[i] = open.dueAt();
      onOverdue[i] = open.onOverdue();
    }
    Sql.update(
        c, OPEN, now, enrollment, step, execution, channel, instructions, assignee, due, onOverdue);
  }
}
