package com.campaignengine.api;

import com.campaignengine.readmodel.DeadExecution;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A dead-lettered execution as JSON. */
final class DeadLetterJson {
  private DeadLetterJson() {}

  static ObjectNode render(DeadExecution execution) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(execution.id()));
    json.put("campaign_id", Json.id(execution.campaignId()));
    json.put("enrollment_id", Json.id(execution.enrollmentId()));
    json.put("step_key", execution.stepKey());
    json.put("status", "dead");
    json.put("attempts", execution.attempts());
    json.put("error_class", execution.errorClass());
    json.put("last_error", execution.lastError());
    json.put("executed_at", Json.time(execution.executedAt()));
    return json;
  }
}
