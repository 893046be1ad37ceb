package com.campaignengine.api;

import com.campaignengine.app.Simulator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.List;

/** A simulated timeline as JSON; {@code branch} appears on conditions only. */
final class TimelineJson {
  private TimelineJson() {}

  static ObjectNode render(List<Simulator.Entry> timeline, ZoneId zone) {
    ObjectNode json = Json.object();
    json.put("timezone", zone.getId());
    ArrayNode entries = json.putArray("timeline");
    for (Simulator.Entry entry : timeline) {
      ObjectNode item = entries.addObject();
      item.put("step_key", entry.stepKey());
      item.put("type", entry.type());
      item.put("at", Json.time(entry.at()));
      if (entry.branch() != null) {
        item.put("branch", entry.branch());
      }
    }
    return json;
  }
}
