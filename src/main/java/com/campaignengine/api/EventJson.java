package com.campaignengine.api;

import com.campaignengine.readmodel.EventAction;
import com.campaignengine.readmodel.EventRule;
import com.campaignengine.readmodel.StoredEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Event rules and events as the API shows them. */
final class EventJson {
  private EventJson() {}

  static ObjectNode rule(EventRule rule) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(rule.id()));
    json.put("event_type", rule.eventType());
    ObjectNode match = json.putObject("match");
    rule.match().forEach(match::put);
    json.put("action", rule.action());
    json.put("campaign_id", Json.id(rule.campaignId()));
    json.put("create_person", rule.createPerson());
    json.put("created_at", Json.time(rule.createdAt()));
    return json;
  }

  static ObjectNode event(StoredEvent event) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(event.id()));
    json.put("person_id", Json.id(event.personId()));
    json.put("type", event.type());
    json.put("source", event.source());
    json.set("data", Json.parse(event.dataJson()));
    ArrayNode actions = json.putArray("actions");
    for (EventAction action : event.actions()) {
      ObjectNode item = actions.addObject();
      item.put("rule_id", Json.id(action.ruleId()));
      item.put("action", action.action());
      item.put("campaign_id", Json.id(action.campaignId()));
      item.put("result", action.result());
      item.put("reason", action.reason());
      ArrayNode ids = item.putArray("enrollment_ids");
      action.enrollmentIds().forEach(id -> ids.add(Json.id(id)));
    }
    json.put("received_at", Json.time(event.receivedAt()));
    return json;
  }
}
