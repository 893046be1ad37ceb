package com.campaignengine.api;

import com.campaignengine.app.DeadLetterService;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.DeadExecution;
import com.campaignengine.readmodel.Page;

/** {@code /api/v1/executions}: the dead-letter queue and its retry. */
final class ExecutionRoutes {
  private final DeadLetterService deadLetters;

  ExecutionRoutes(DeadLetterService deadLetters) {
    this.deadLetters = deadLetters;
  }

  void register(Router router) {
    router.get("/api/v1/executions", this::list);
    router.post(
        "/api/v1/executions/{id}/retry",
        request -> {
          deadLetters.retry(request.workspaceId(), request.pathId("id"));
          return Response.accepted(Json.object().put("status", "pending"));
        });
    // Every dead execution of one campaign, e.g. after fixing a template or a provider outage.
    router.post(
        "/api/v1/campaigns/{id}/dead-letters/retry",
        request -> {
          DeadLetterService.RetryAll result =
              deadLetters.retryAll(request.workspaceId(), request.pathId("id"));
          return Response.accepted(
              Json.object().put("requeued", result.requeued()).put("skipped", result.skipped()));
        });
  }

  private Response list(Request request) {
    QueryParams query = request.query();
    String status = query.text("status");
    if (status != null && !status.equals("dead")) {
      throw new ValidationException("status", "only status=dead can be listed");
    }
    Long campaignId = query.id("campaign_id");
    int limit = query.limit();
    long cursor = query.cursor();
    Page<DeadExecution> page = deadLetters.list(request.workspaceId(), campaignId, cursor, limit);
    return Response.ok(Json.page(page, DeadLetterJson::render));
  }
}
