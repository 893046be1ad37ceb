package com.campaignengine.api;

import com.campaignengine.app.EventService;
import com.campaignengine.failure.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/events} (an event from the host application, with an API key: the actions it
 * caused in the answer; the events stored, for audit) and {@code /api/v1/event-rules} (what an
 * event does: enroll, stop all, stop one campaign).
 */
final class EventRoutes {
  private final EventService events;

  EventRoutes(EventService events) {
    this.events = events;
  }

  /** {@code POST /api/v1/events}. */
  record Received(EventService.PersonRef person, String type, ObjectNode data) {}

  /** {@code POST /api/v1/event-rules}. */
  private record NewRule(
      String eventType,
      Map<String, String> match,
      String action,
      Long campaignId,
      boolean createPerson) {}

  void register(Router router) {
    router.post(
        "/api/v1/events",
        request -> {
          Received body = request.json(EventRoutes::received);
          return Response.created(
              EventJson.event(
                  events.receive(
                      request.workspaceId(), body.person(), body.type(), body.data(), "api")));
        });
    router.get(
        "/api/v1/events",
        request -> {
          QueryParams query = request.query();
          return Response.ok(
              Json.page(
                  events.events(
                      request.workspaceId(), query.id("person_id"), query.cursor(), query.limit()),
                  EventJson::event));
        });
    router.post(
        "/api/v1/event-rules",
        request -> {
          NewRule rule = request.json(EventRoutes::newRule);
          return Response.created(
              EventJson.rule(
                  events.createRule(
                      request.workspaceId(),
                      rule.eventType(),
                      rule.match(),
                      rule.action(),
                      rule.campaignId(),
                      rule.createPerson())));
        });
    router.get(
        "/api/v1/event-rules",
        request -> Response.ok(Json.items(events.rules(request.workspaceId()), EventJson::rule)));
    router.add(
        "DELETE",
        "/api/v1/event-rules/{id}",
        request -> {
          long id = request.pathId("id");
          events.deleteRule(request.workspaceId(), id);
          return Response.ok(Json.object().put("id", Json.id(id)).put("deleted", true));
        });
  }

  /**
   * {@code {"person": {"email_address"} | {"id"}, "type", "data": {…}?}}: exactly one way to name
   * the person.
   */
  static Received received(JsonInput body) {
    JsonInput person = body.optionalObject("person");
    String type = body.optionalText("type");
    JsonNode data = body.value("data");
    if (person == null) {
      throw new ValidationException(
          "person", "person is required: {\"email_address\": …} or {\"id\": …}");
    }
    String email = person.optionalText("email_address");
    JsonInput.Element id = person.member("id");
    if ((email == null) == (id == null)) {
      throw new ValidationException("person", "person needs exactly one of email_address and id");
    }
    if (data != null && !data.isObject()) {
      throw JsonInput.wrongType("data", "an object");
    }
    EventService.PersonRef ref =
        id != null
            ? EventService.PersonRef.byId(id.id())
            : EventService.PersonRef.byEmails(List.of(email));
    if (email != null && email.isBlank()) {
      throw new ValidationException("person.email_address", "person.email_address is empty");
    }
    return new Received(ref, type, data == null ? Json.object() : (ObjectNode) data.deepCopy());
  }

  private static NewRule newRule(JsonInput body) {
    JsonInput.Element campaign = body.member("campaign_id");
    return new NewRule(
        body.optionalText("event_type"),
        body.scalarMap("match"),
        body.optionalText("action"),
        campaign == null ? null : campaign.id(),
        body.optionalBool("create_person", false));
  }
}
