package com.campaignengine.api;

import com.campaignengine.app.Simulator;
import com.campaignengine.app.TimeZones;
import com.campaignengine.failure.ValidationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/campaigns/{id}/simulate} bodies: {@code start} (an ISO-8601 instant, now when
 * absent), {@code timezone} or {@code person_id}, {@code assume} {replied, opened, clicked} (after
 * every email) and {@code events} (after one email: {@code {"intro": ["replied"]}}).
 */
final class SimulateRequests {
  /** A parsed request; {@code start} and {@code personId} may be null. */
  record Parsed(Instant start, String timezone, Long personId, Simulator.Assumptions assume) {}

  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");

  private SimulateRequests() {}

  static Parsed parse(JsonInput body) {
    String start = body.optionalText("start");
    String timezone = body.optionalText("timezone");
    TimeZones.check("timezone", timezone);
    JsonInput.Element person = body.member("person_id");
    Long personId = person == null ? null : person.id();
    JsonInput assume = body.optionalObject("assume");
    Map<String, Set<String>> events = events(body.optionalObject("events"));
    Simulator.Assumptions assumptions =
        assume == null
            ? new Simulator.Assumptions(false, false, false, events)
            : new Simulator.Assumptions(
                assume.optionalBool("replied", false),
                assume.optionalBool("opened", false),
                assume.optionalBool("clicked", false),
                events);
    return new Parsed(start == null ? null : instant(start), timezone, personId, assumptions);
  }

  /** {@code events: {"<email step key>": ["opened" | "clicked" | "replied", …]}}. */
  private static Map<String, Set<String>> events(JsonInput events) {
    Map<String, Set<String>> byStep = new LinkedHashMap<>();
    if (events == null) {
      return byStep;
    }
    for (String key : events.memberNames()) {
      Set<String> happened = new LinkedHashSet<>();
      for (JsonInput.Element element : events.array(key)) {
        String event = element.text();
        if (!Simulator.EVENTS.contains(event)) {
          throw new ValidationException(
              element.path(), "unknown event '" + event + "' (use opened, clicked or replied)");
        }
        happened.add(event);
      }
      byStep.put(key, happened);
    }
    return byStep;
  }

  private static Instant instant(String text) {
    try {
      Instant start = OffsetDateTime.parse(text.strip()).toInstant();
      if (start.isBefore(EARLIEST) || start.isAfter(LATEST)) {
        throw new ValidationException("start", "start must lie between 1970 and 9000");
      }
      return start;
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          "start", "start must be an ISO-8601 instant such as 2026-03-06T21:55:00Z");
    }
  }
}
