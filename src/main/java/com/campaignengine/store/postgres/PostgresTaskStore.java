package com.campaignengine.store.postgres;

import com.campaignengine.campaign.TaskStatus;
import com.campaignengine.readmodel.TaskQuery;
import com.campaignengine.readmodel.TaskView;
import com.campaignengine.store.TaskStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The task list: {@code campaign_tasks} with their campaign, step, person and assignee. */
public final class PostgresTaskStore implements TaskStore {

  /** Open while its enrollment may still go on; left open by a sequence that ended: cancelled. */
  private static final String SELECT =
      """
      SELECT t.*, c.name AS campaign_name, s.step_key, l.person_id,
             concat_ws(' ', p.first_name, p.last_name) AS person_name,
             p.email_address AS person_email, u.email AS assignee_email,
             CASE WHEN t.status = 'open' AND l.status NOT IN ('active', 'paused')
                  THEN 'cancelled' ELSE t.status END AS shown_status
        FROM campaign_tasks t
        JOIN campaign_sequences c ON c.id = t.campaign_id
        JOIN campaign_sequence_steps s ON s.id = t.step_id
        JOIN campaign_sequence_leads l ON l.id = t.enrollment_id
        LEFT JOIN people p ON p.id = l.person_id
        LEFT JOIN users u ON u.id = t.assignee_user_id
      """;

  private static final String LIST =
      SELECT
          + """
           WHERE t.workspace_id = ?
             AND (?::text IS NULL
                  OR (? = 'open' AND t.status = 'open' AND l.status IN ('active', 'paused'))
                  OR (? = 'cancelled' AND t.status = 'open'
                      AND l.status NOT IN ('active', 'paused'))
                  OR (? NOT IN ('open', 'cancelled') AND t.status = ?))
             AND ((?::bigint IS NULL AND ?::text IS NULL AND NOT ?)
                  OR t.assignee_user_id = ? OR lower(u.email) = lower(?)
                  OR (? AND t.assignee_user_id IS NULL))
             AND (?::bigint IS NULL OR t.campaign_id = ?)
             AND (?::timestamptz IS NULL OR (t.due_at, t.id) > (?, ?))
           ORDER BY t.due_at, t.id
           LIMIT ?
          """;

  private static final String FIND = SELECT + " WHERE t.workspace_id = ? AND t.id = ?";

  private static final String ENROLLMENT_OF =
      "SELECT enrollment_id FROM campaign_tasks WHERE workspace_id = ? AND id = ?";

  private static final String LOCK_ENROLLMENT =
      "SELECT status FROM campaign_sequence_leads WHERE id = ? FOR UPDATE";

  private static final String LOCK_RUN =
      "SELECT id FROM campaign_sequence_executions WHERE enrollment_id = ? FOR UPDATE";

  private static final String LOCK_TASK =
      "SELECT status, execution_id FROM campaign_tasks WHERE id = ? FOR UPDATE";

  private static final String CLOSE =
      """
      UPDATE campaign_tasks
         SET status = ?, outcome = ?, closed_by = ?, closed_at = ?
       WHERE id = ? AND status = 'open'
      """;

  /** A task may be given to someone else while it is open and its sequence may still go on. */
  private static final String LOCK_FOR_REASSIGN =
      """
      SELECT t.status, l.status IN ('active', 'paused') AS live
        FROM campaign_tasks t JOIN campaign_sequence_leads l ON l.id = t.enrollment_id
       WHERE t.workspace_id = ? AND t.id = ?
         FOR UPDATE OF t
      """;

  private static final String REASSIGN =
      "UPDATE campaign_tasks SET assignee_user_id = ? WHERE id = ? AND status = 'open'";

  private record Locked(String status, long executionId) {}

  private final Database database;

  public PostgresTaskStore(Database database) {
    this.database = database;
  }

  @Override
  public List<TaskView> list(long workspaceId, TaskQuery q, Instant now) {
    String status = q.status() == null ? null : q.status().wireName();
    return database.withConnection(
        c ->
            Sql.query(
                c,
                LIST,
                rs -> task(rs, now),
                workspaceId,
                status,
                status,
                status,
                status,
                status,
                q.assigneeUserId(),
                q.assigneeEmail(),
                q.unassigned(),
                q.assigneeUserId(),
                q.assigneeEmail(),
                q.unassigned(),
                q.campaignId(),
                q.campaignId(),
                q.afterDueAt(),
                q.afterDueAt(),
                q.afterId(),
                q.limit()));
  }

  @Override
  public Optional<TaskView> find(long workspaceId, long taskId, Instant now) {
    return database.withConnection(c -> find(c, workspaceId, taskId, now));
  }

  private static Optional<TaskView> find(Connection c, long workspaceId, long taskId, Instant now)
      throws SQLException {
    return Sql.queryOne(c, FIND, rs -> task(rs, now), workspaceId, taskId);
  }

  @Override
  public Change close(
      long workspaceId, long taskId, TaskStatus status, String outcome, String actor, Instant now) {
    return database.inTransaction(
        c -> {
          Optional<Long> enrollment =
              Sql.queryOne(
                  c, ENROLLMENT_OF, rs -> rs.getLong("enrollment_id"), workspaceId, taskId);
          if (enrollment.isEmpty()) {
            return new Change.NotFound();
          }
          // The engine's lock order: the enrollment, then its run, then the task.
          String enrollmentStatus =
              Sql.queryOne(c, LOCK_ENROLLMENT, rs -> rs.getString("status"), enrollment.get())
                  .orElseThrow();
          Sql.query(c, LOCK_RUN, rs -> rs.getLong("id"), enrollment.get());
          Locked task =
              Sql.queryOne(
                      c,
                      LOCK_TASK,
                      rs -> new Locked(rs.getString("status"), rs.getLong("execution_id")),
                      taskId)
                  .orElseThrow();
          boolean live = enrollmentStatus.equals("active") || enrollmentStatus.equals("paused");
          if (!task.status().equals("open") || !live) {
            return new Change.NotOpen(find(c, workspaceId, taskId, now).orElseThrow());
          }
          Sql.update(c, CLOSE, status.wireName(), outcome, actor, now, taskId);
          if (ExecutionRows.wakeTaskRun(c, enrollment.get(), task.executionId(), now) > 0) {
            PostgresWakeups.notifyDue(c);
          }
          return new Change.Done(find(c, workspaceId, taskId, now).orElseThrow());
        });
  }

  @Override
  public Change reassign(long workspaceId, long taskId, Long userId, Instant now) {
    return database.inTransaction(
        c -> {
          Optional<Boolean> open =
              Sql.queryOne(
                  c,
                  LOCK_FOR_REASSIGN,
                  rs -> rs.getString("status").equals("open") && rs.getBoolean("live"),
                  workspaceId,
                  taskId);
          if (open.isEmpty()) {
            return new Change.NotFound();
          }
          if (!open.get()) {
            return new Change.NotOpen(find(c, workspaceId, taskId, now).orElseThrow());
          }
          Sql.update(c, REASSIGN, userId, taskId);
          return new Change.Done(find(c, workspaceId, taskId, now).orElseThrow());
        });
  }

  private static TaskView task(ResultSet rs, Instant now) throws SQLException {
    TaskStatus status = TaskStatus.fromWire(rs.getString("shown_status")).orElseThrow();
    Instant due = Sql.instant(rs, "due_at");
    return new TaskView(
        rs.getLong("id"),
        rs.getLong("campaign_id"),
        rs.getString("campaign_name"),
        rs.getLong("step_id"),
        rs.getString("step_key"),
        rs.getLong("enrollment_id"),
        rs.getLong("person_id"),
        rs.getString("person_name"),
        rs.getString("person_email"),
        rs.getString("channel"),
        rs.getString("instructions"),
        Sql.nullableLong(rs, "assignee_user_id"),
        rs.getString("assignee_email"),
        due,
        status == TaskStatus.OPEN && !now.isBefore(due),
        rs.getString("on_overdue"),
        status,
        rs.getString("outcome"),
        rs.getString("closed_by"),
        Sql.instant(rs, "closed_at"),
        Sql.instant(rs, "created_at"));
  }
}
