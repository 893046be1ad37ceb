package com.campaignengine.api;

import com.campaignengine.failure.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code {"person_ids": ["1", 2, …]}}: ids as strings or numbers. A string that cannot be an id
 * names no person: it is reported as skipped instead of failing the whole request.
 */
final class EnrollRequests {
  static final int MAX_IDS = 100_000;

  /** The ids to enroll, and the given values that cannot be ids (as given). */
  record Parsed(List<Long> ids, List<String> notIds) {}

  private EnrollRequests() {}

  static Parsed parse(JsonInput body) {
    if (body.value("person_ids") == null) {
      throw new ValidationException("person_ids", "person_ids is required");
    }
    List<JsonInput.Element> elements = body.array("person_ids");
    if (elements.isEmpty() || elements.size() > MAX_IDS) {
      throw new ValidationException(
          "person_ids", "person_ids must list 1 to " + MAX_IDS + " people");
    }
    List<Long> ids = new ArrayList<>();
    List<String> notIds = new ArrayList<>();
    for (JsonInput.Element element : elements) {
      JsonNode node = element.node();
      if (node.isTextual()) {
        OptionalLong id = Ids.parse(node.textValue().strip());
        if (id.isPresent()) {
          ids.add(id.getAsLong());
        } else {
          notIds.add(node.textValue());
        }
      } else if (node.isIntegralNumber()) {
        if (node.canConvertToLong() && node.longValue() > 0) {
          ids.add(node.longValue());
        } else {
          notIds.add(node.asText());
        }
      } else {
        throw JsonInput.wrongType(element.path(), "an id (a string or a number)");
      }
    }
    return new Parsed(ids, notIds);
  }
}
