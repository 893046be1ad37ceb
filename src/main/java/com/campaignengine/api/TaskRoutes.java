package com.campaignengine.api;

import com.campaignengine.app.TaskList;
import com.campaignengine.campaign.TaskStatus;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.Page;
import com.campaignengine.readmodel.TaskQuery;
import com.campaignengine.readmodel.TaskView;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The tasks task steps open: {@code GET
 * /api/v1/tasks?status=&assignee=&campaign_id=&limit=&cursor=} (soonest due first; {@code assignee}
 * is {@code me} (the caller's tasks and tasks nobody is assigned to), {@code none} (nobody's) or a
 * user's email), {@code GET /api/v1/tasks/{id}}, {@code POST /api/v1/tasks/{id}/complete
 * {"outcome"?}} and {@code POST /api/v1/tasks/{id}/skip}: each moves the sequence on at once; a
 * task that is not open is a 409.
 */
final class TaskRoutes {
  private final TaskList tasks;

  TaskRoutes(TaskList tasks) {
    this.tasks = tasks;
  }

  void register(Router router) {
    router.get("/api/v1/tasks", this::list);
    router.get(
        "/api/v1/tasks/{id}",
        request ->
            Response.ok(
                render(
                    tasks
                        .find(request.workspaceId(), request.pathId("id"))
                        .orElseThrow(() -> notFound(request)))));
    router.patch("/api/v1/tasks/{id}", this::reassign);
    router.post("/api/v1/tasks/{id}/complete", this::complete);
    router.post("/api/v1/tasks/{id}/skip", this::skip);
  }

  private Response complete(Request request) throws java.io.IOException {
    long id = request.pathId("id");
    String outcome = request.jsonOrEmpty(body -> body.optionalText("outcome"));
    return Response.ok(
        render(tasks.complete(request.workspaceId(), id, outcome, request.principal().actor())));
  }

  /** {@code {"assignee": "<a user's email>" | null}}: null gives it to nobody. */
  private Response reassign(Request request) throws java.io.IOException {
    long id = request.pathId("id");
    String assignee =
        request.json(
            body -> {
              if (!body.has("assignee")) {
                throw new ValidationException(
                    "assignee", "assignee is required (an email or null)");
              }
              return body.optionalText("assignee");
            });
    return Response.ok(render(tasks.reassign(request.workspaceId(), id, assignee)));
  }

  private Response skip(Request request) throws java.io.IOException {
    long id = request.pathId("id");
    request.jsonOrEmpty(body -> null);
    return Response.ok(render(tasks.skip(request.workspaceId(), id, request.principal().actor())));
  }

  private Response list(Request request) {
    QueryParams query = request.query();
    TaskStatus status = status(query.text("status"));
    String assignee = query.text("assignee");
    Long userId = null;
    String email = null;
    boolean unassigned = false;
    if ("me".equals(assignee)) {
      userId = request.principal().userId();
      if (userId == null) {
        throw ApiException.badRequest(
            "assignee", "assignee=me needs a user's session or key; this is a workspace key");
      }
      unassigned = true;
    } else if ("none".equals(assignee)) {
      unassigned = true;
    } else if (assignee != null) {
      email = assignee;
    }
    Instant afterDue = null;
    Long afterId = null;
    String cursor = query.text("cursor");
    if (cursor != null) {
      int cut = cursor.indexOf('_');
      OptionalLong micros = cut > 0 ? Ids.parse(cursor.substring(0, cut)) : OptionalLong.empty();
      OptionalLong id = cut > 0 ? Ids.parse(cursor.substring(cut + 1)) : OptionalLong.empty();
      if (micros.isEmpty() || id.isEmpty()) {
        throw ApiException.badRequest(
            "cursor", "cursor must be a next_cursor value from an earlier page");
      }
      afterDue = Instant.EPOCH.plus(micros.getAsLong(), ChronoUnit.MICROS);
      afterId = id.getAsLong();
    }
    int limit = query.limit();
    List<TaskView> rows =
        tasks.list(
            request.workspaceId(),
            new TaskQuery(
                status,
                userId,
                email,
                unassigned,
                query.id("campaign_id"),
                afterDue,
                afterId,
                limit));
    String next = null;
    if (rows.size() == limit) {
      TaskView last = rows.get(rows.size() - 1);
      next = ChronoUnit.MICROS.between(Instant.EPOCH, last.dueAt()) + "_" + last.id();
    }
    return Response.ok(Json.page(new Page<>(rows, next), TaskRoutes::render));
  }

  private static TaskStatus status(String text) {
    if (text == null) {
      return null;
    }
    return TaskStatus.fromWire(text)
        .orElseThrow(
            () ->
                new ValidationException(
                    "status",
                    "status must be one of "
                        + Arrays.stream(TaskStatus.values()).map(TaskStatus::wireName).toList()));
  }

  private static ApiException notFound(Request request) {
    return ApiException.notFound("id", "no such task: " + request.pathText("id"));
  }

  static ObjectNode render(TaskView task) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(task.id()));
    json.put("status", task.status().wireName());
    json.put("channel", task.channel());
    json.put("instructions", task.instructions());
    json.put("due_at", Json.time(task.dueAt()));
    json.put("overdue", task.overdue());
    json.put("on_overdue", task.onOverdue());
    json.put("outcome", task.outcome());
    json.put("assignee_user_id", Json.id(task.assigneeUserId()));
    json.put("assignee_email", task.assigneeEmail());
    json.put("campaign_id", Json.id(task.campaignId()));
    json.put("campaign_name", task.campaignName());
    json.put("step_id", Json.id(task.stepId()));
    json.put("step_key", task.stepKey());
    json.put("enrollment_id", Json.id(task.enrollmentId()));
    json.put("person_id", Json.id(task.personId()));
    json.put("person_name", task.personName());
    json.put("person_email", task.personEmail());
    json.put("closed_by", task.closedBy());
    json.put("closed_at", Json.time(task.closedAt()));
    json.put("created_at", Json.time(task.createdAt()));
    return json;
  }
}
