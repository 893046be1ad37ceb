package com.campaignengine.api;

import com.campaignengine.alerts.AlertRecord;
import com.campaignengine.alerts.AlertStatus;
import com.campaignengine.app.AlertService;
import com.campaignengine.readmodel.Page;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /api/v1/alerts?status=firing|resolved}: the workspace's alerts, newest first. */
final class AlertRoutes {
  private final AlertService alerts;

  AlertRoutes(AlertService alerts) {
    this.alerts = alerts;
  }

  void register(Router router) {
    router.get("/api/v1/alerts", this::list);
  }

  private Response list(Request request) {
    QueryParams query = request.query();
    String text = query.text("status");
    AlertStatus status =
        text == null
            ? null
            : AlertStatus.fromWire(text)
                .orElseThrow(
                    () -> ApiException.badRequest("status", "status must be firing or resolved"));
    Page<AlertRecord> page =
        alerts.list(request.workspaceId(), status, query.cursor(), query.limit());
    return Response.ok(Json.page(page, AlertRoutes::render));
  }

  static ObjectNode render(AlertRecord alert) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(alert.id()));
    json.put("key", alert.key());
    json.put("rule", alert.rule());
    json.put("subject", alert.subject());
    json.put("status", alert.status().wireName());
    json.put("campaign_id", Json.id(alert.campaignId()));
    json.put("mailbox_id", Json.id(alert.mailboxId()));
    json.put("message", alert.message());
    json.put("fired_at", Json.time(alert.firedAt()));
    json.put("resolved_at", Json.time(alert.resolvedAt()));
    json.put("last_seen_at", Json.time(alert.lastSeenAt()));
    return json;
  }
}
