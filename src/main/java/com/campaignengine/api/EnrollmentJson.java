package com.campaignengine.api;

import com.campaignengine.readmodel.EnrollmentView;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An enrollment as JSON. */
final class EnrollmentJson {
  private EnrollmentJson() {}

  static ObjectNode render(EnrollmentView enrollment) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(enrollment.id()));
    json.put("campaign_id", Json.id(enrollment.campaignId()));
    json.put("person_id", Json.id(enrollment.personId()));
    json.put("mailbox_id", Json.id(enrollment.mailboxId()));
    json.put("status", enrollment.status().wireName());
    json.put("current_step_key", enrollment.currentStepKey());
    json.put("next_run_at", Json.time(enrollment.nextRunAt()));
    json.put("stop_reason", enrollment.stopReason());
    json.put("enrolled_at", Json.time(enrollment.enrolledAt()));
    json.put("finished_at", Json.time(enrollment.finishedAt()));
    return json;
  }
}
