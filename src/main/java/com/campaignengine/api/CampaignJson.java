package com.campaignengine.api;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.ConditionType;
import com.campaignengine.campaign.Holidays;
import com.campaignengine.campaign.Step;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A campaign as JSON. Steps route by key, as they were submitted: {@code next_step} (email, wait)
 * or {@code true_next_step} / {@code false_next_step} (condition), null where the sequence ends.
 */
final class CampaignJson {
  private CampaignJson() {}

  static ObjectNode render(Campaign campaign) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(campaign.id()));
    json.put("name", campaign.name());
    json.put("status", campaign.status().wireName());
    json.put("version", campaign.version());
    ArrayNode mailboxes = json.putArray("mailbox_ids");
    campaign.sending().mailboxIds().forEach(id -> mailboxes.add(Json.id(id)));
    json.put("timezone", campaign.sending().timezone());
    json.set("sending_window", SendingWindows.render(campaign.sending().window()));
    json.put("stop_on_reply", campaign.settings().stopOnReply());
    json.put("stop_on_company_reply", campaign.settings().stopOnCompanyReply());
    json.put("track_opens", campaign.settings().trackOpens());
    json.put("track_clicks", campaign.settings().trackClicks());
    json.put("max_attempts", campaign.sending().maxAttempts());
    json.put("on_missing_value", campaign.settings().skipMissingValues() ? "skip" : "send");
    json.put("auto_pause_on_spike", campaign.settings().autoPauseOnSpike());
    json.set("holidays", holidays(campaign.sending().holidays()));
    ArrayNode steps = json.putArray("steps");
    campaign.steps().current().forEach(step -> steps.add(step(campaign, step)));
    json.put("created_at", Json.time(campaign.createdAt()));
    return json;
  }

  private static ObjectNode step(Campaign campaign, Step step) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(step.id()));
    json.put("key", step.key());
    json.put("type", step.type().wireName());
    switch (step.type()) {
      case EMAIL -> {
        json.put("subject", step.email().subject());
        json.put("body", step.email().body());
        json.put("body_html", step.email().bodyHtml());
        json.put("same_thread", step.email().sameThread());
        Step.AiSpec ai = step.email().ai();
        if (ai != null) {
          ObjectNode aiJson = json.putObject("ai");
          aiJson.put("instructions", ai.instructions());
          aiJson.put("max_words", ai.maxWords());
          ai.context().forEach(aiJson.putObject("context")::put);
        }
        if (step.email().hasVariants()) {
          ArrayNode variants = json.putArray("variants");
          for (Step.Variant variant : step.email().variants()) {
            ObjectNode v = variants.addObject();
            v.put("key", variant.key());
            v.put("weight", variant.weight());
            putIfSet(v, "subject", variant.subject());
            putIfSet(v, "body", variant.body());
            putIfSet(v, "body_html", variant.bodyHtml());
          }
        }
        if (step.email().winner() != null) {
          ObjectNode pick = json.putObject("pick_winner");
          pick.put("metric", step.email().winner().metric());
          pick.put("after_sends", step.email().winner().afterSends());
        }
        json.put("next_step", key(campaign, step.routes().next()));
      }
      case WAIT -> {
        json.put("wait_duration", step.waitSpec().duration());
        json.put("wait_unit", step.waitSpec().unit().wireName());
        json.put("business_hours_only", step.waitSpec().businessHoursOnly());
        json.put("next_step", key(campaign, step.routes().next()));
      }
      case TASK -> {
        Step.TaskSpec task = step.task();
        json.put("channel", task.channel().wireName());
        json.put("instructions", task.instructions());
        json.put("due_in", task.dueIn());
        json.put("due_unit", task.dueUnit().wireName());
        putIfSet(json, "assignee", task.assignee());
        json.put("on_overdue", task.onOverdue().wireName());
        json.put("next_step", key(campaign, step.routes().next()));
      }
      case CONDITION -> {
        Step.ConditionSpec condition = step.condition();
        json.put("condition_type", condition.type().wireName());
        if (condition.field() != null) {
          json.put("field", condition.field());
        }
        if (condition.field() != null || condition.type() == ConditionType.TASK_OUTCOME) {
          json.put(
              "operator", condition.operator() == null ? null : condition.operator().wireName());
          json.put("value", condition.value());
        }
        if (condition.withinHours() != null) {
          json.put("within_hours", condition.withinHours());
        }
        json.put("true_next_step", key(campaign, step.routes().ifTrue()));
        json.put("false_next_step", key(campaign, step.routes().ifFalse()));
      }
    }
    return json;
  }

  static ObjectNode holidays(Holidays holidays) {
    ObjectNode json = Json.object();
    json.put("country", holidays.country());
    ArrayNode dates = json.putArray("dates");
    holidays.blackoutDates().forEach(date -> dates.add(date.toString()));
    return json;
  }

  private static void putIfSet(ObjectNode json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  private static String key(Campaign campaign, Long stepId) {
    return stepId == null ? null : campaign.steps().byId(stepId).map(Step::key).orElse(null);
  }
}
