package com.campaignengine.api;

import com.campaignengine.app.RetentionSettings;
import com.campaignengine.failure.ValidationException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/settings/retention}: how long the workspace keeps finished work. {@code PUT
 * {"retention_days": n}} sets it (0 keeps everything), {@code null} returns to the server's
 * default.
 */
final class SettingsRoutes {
  private final RetentionSettings retention;

  SettingsRoutes(RetentionSettings retention) {
    this.retention = retention;
  }

  void register(Router router) {
    router.get(
        "/api/v1/settings/retention",
        request -> Response.ok(render(retention.get(request.workspaceId()))));
    router.add(
        "PUT",
        "/api/v1/settings/retention",
        request -> {
          Integer days = request.json(SettingsRoutes::retentionDays);
          return Response.ok(render(retention.set(request.workspaceId(), days)));
        });
  }

  /** {@code {"retention_days": n | null}}: the member must be there, null meaning the default. */
  private static Integer retentionDays(JsonInput body) {
    if (!body.has("retention_days")) {
      throw new ValidationException(
          "retention_days",
          "retention_days is required (a number of days, 0 to keep everything, or null for"
              + " the server's default)");
    }
    return body.optionalInt("retention_days");
  }

  private static ObjectNode render(RetentionSettings.Current current) {
    ObjectNode json = Json.object();
    json.put("retention_days", current.effectiveDays());
    json.put("source", current.workspaceDays() != null ? "workspace" : "server");
    json.put("server_default_days", current.serverDefaultDays());
    return json;
  }
}
