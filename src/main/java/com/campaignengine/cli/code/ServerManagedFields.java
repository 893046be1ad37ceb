package com.campaignengine.cli.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The fields of a rendered campaign that the server owns rather than the file: its id, status,
 * version and times, and the ids of its steps (and of anything listed inside a step, such as
 * variants). Everything else is the campaign as the file describes it, whatever fields the schema
 * grows.
 */
public final class ServerManagedFields {
  private static final List<String> CAMPAIGN =
      List.of("id", "status", "version", "created_at", "updated_at");
  private static final List<String> STEP = List.of("id", "created_at", "updated_at");

  private ServerManagedFields() {}

  /** A copy of {@code campaign} without the server's fields. */
  public static ObjectNode strip(JsonNode campaign) {
    ObjectNode copy = ((ObjectNode) campaign).deepCopy();
    copy.remove(CAMPAIGN);
    for (JsonNode step : copy.path("steps")) {
      if (step instanceof ObjectNode stepObject) {
        stepObject.remove(STEP);
        stepObject.forEach(ServerManagedFields::stripListedIds);
      }
    }
    return copy;
  }

  private static void stripListedIds(JsonNode value) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (element instanceof ObjectNode object) {
          object.remove("id");
        }
      }
    }
  }
}
