package com.campaignengine.api;

import com.campaignengine.store.CampaignStats;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Campaign statistics as JSON: enrollments by status, sends and engagement, and rates relative to
 * all enrollments (0.0 when there are none). {@code replied} counts enrollments with a reply,
 * whether or not the reply ended them.
 */
final class StatsJson {
  private static final List<String> ENROLLMENT_STATUSES =
      List.of("active", "completed", "bounced", "unsubscribed", "stopped", "failed", "paused");
  private static final List<String> EXECUTION_STATUSES =
      List.of("completed", "skipped", "cancelled", "dead", "pending", "running", "paused");

  private StatsJson() {}

  static ObjectNode render(CampaignStats stats) {
    Map<String, Long> byStatus = stats.enrollmentsByStatus();
    long enrolled = byStatus.values().stream().mapToLong(Long::longValue).sum();
    ObjectNode json = Json.object();
    json.put("enrolled", enrolled);
    for (String status : ENROLLMENT_STATUSES) {
      json.put(status, byStatus.getOrDefault(status, 0L));
    }
    json.put("replied", stats.replied());
    json.put("sent", stats.sent());
    json.put("in_doubt", stats.inDoubt());
    json.put("opened", stats.opened());
    json.put("clicked", stats.clicked());
    json.put("open_rate", rate(stats.opened(), enrolled));
    json.put("click_rate", rate(stats.clicked(), enrolled));
    json.put("reply_rate", rate(stats.replied(), enrolled));
    ArrayNode steps = json.putArray("steps");
    for (CampaignStats.StepStats step : stats.steps()) {
      ObjectNode stepJson = steps.addObject();
      stepJson.put("id", Json.id(step.stepId()));
      stepJson.put("key", step.key());
      stepJson.put("type", step.type());
      stepJson.put("sent", step.sent());
      for (String status : EXECUTION_STATUSES) {
        stepJson.put(status, step.byStatus().getOrDefault(status, 0L));
      }
      stepJson.put("failed", step.byStatus().getOrDefault("dead", 0L)); // design §5.1's name
    }
    return json;
  }

  /** Rounded to four places: 0.1667, not 0.16666666666666666. */
  private static double rate(long count, long enrolled) {
    return enrolled == 0 ? 0.0 : Math.round(count * 10_000.0 / enrolled) / 10_000.0;
  }
}
