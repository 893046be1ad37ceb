package com.campaignengine.api;

import com.campaignengine.app.EnrollmentService;
import com.campaignengine.app.RetentionSettings;
import com.campaignengine.campaign.CrossCampaignRules;
import com.campaignengine.failure.ValidationException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/settings/retention}: how long the workspace keeps finished work; {@code
 * /api/v1/settings/rules}: the rules across campaigns (see {@link CrossCampaignRules}). {@code PUT
 * {"retention_days": n}} sets it (0 keeps everything), {@code null} returns to the server's
 * default.
 */
final class SettingsRoutes {
  private final RetentionSettings retention;
  private final EnrollmentService enrollments;

  SettingsRoutes(RetentionSettings retention, EnrollmentService enrollments) {
    this.retention = retention;
    this.enrollments = enrollments;
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
    router.get(
        "/api/v1/settings/rules",
        request -> Response.ok(render(enrollments.rules(request.workspaceId()))));
    router.add(
        "PUT",
        "/api/v1/settings/rules",
        request -> {
          CrossCampaignRules rules = request.json(SettingsRoutes::rules);
          return Response.ok(render(enrollments.setRules(request.workspaceId(), rules)));
        });
  }

  /**
   * {@code {"one_active_sequence_per_person": bool, "stop_all_on_reply": bool,
   * "recontact_cooldown_days": n | null}}: the whole set (a member left out is off).
   */
  private static CrossCampaignRules rules(JsonInput body) {
    return new CrossCampaignRules(
        body.optionalBool("one_active_sequence_per_person", false),
        body.optionalBool("stop_all_on_reply", false),
        body.optionalInt("recontact_cooldown_days"));
  }

  private static ObjectNode render(CrossCampaignRules rules) {
    ObjectNode json = Json.object();
    json.put("one_active_sequence_per_person", rules.oneActiveSequencePerPerson());
    json.put("stop_all_on_reply", rules.stopAllOnReply());
    if (rules.recontactCooldownDays() == null) {
      json.putNull("recontact_cooldown_days");
    } else {
      json.put("recontact_cooldown_days", rules.recontactCooldownDays());
    }
    return json;
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
