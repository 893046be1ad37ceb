package com.campaignengine.api;

import com.campaignengine.readmodel.CampaignStats;
import com.campaignengine.readmodel.CampaignStats.Emails;
import com.campaignengine.readmodel.DailyStats;
import com.campaignengine.readmodel.MailboxReading;
import com.campaignengine.readmodel.MailboxStats;
import com.campaignengine.readmodel.UpcomingSend;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Statistics as JSON. A campaign's rates are relative to all its enrollments (design §5.1); a
 * step's rates to that step's sent emails; 0.0 when there is nothing to divide by. {@code replied}
 * counts enrollments with a reply, whether or not the reply ended them; {@code opened} leaves out
 * likely machine opens, {@code opened_with_machine} counts them.
 */
final class StatsJson {
  private static final List<String> ENROLLMENT_STATUSES =
      List.of("active", "completed", "bounced", "unsubscribed", "stopped", "failed", "paused");
  private static final List<String> EXECUTION_STATUSES =
      List.of("completed", "skipped", "cancelled", "dead", "pending", "running", "paused");

  private StatsJson() {}

  static ObjectNode render(CampaignStats stats) {
    Map<String, Long> byStatus = stats.enrollmentsByStatus();
    long enrolled = stats.enrolled();
    ObjectNode json = Json.object();
    json.put("enrolled", enrolled);
    for (String status : ENROLLMENT_STATUSES) {
      json.put(status, byStatus.getOrDefault(status, 0L));
    }
    Emails emails = stats.emails();
    emails(json, emails, enrolled);
    json.put("bounce_rate", rate(byStatus.getOrDefault("bounced", 0L), enrolled));
    json.put("unsubscribe_rate", rate(byStatus.getOrDefault("unsubscribed", 0L), enrolled));
    json.put("completion_rate", rate(byStatus.getOrDefault("completed", 0L), enrolled));
    Map<String, Long> executions = stats.executionsByStatus();
    long dead = executions.getOrDefault("dead", 0L);
    long finished = dead + executions.getOrDefault("completed", 0L);
    json.put("dead_letters", dead);
    json.put(
        CampaignStats.WAITING_FOR_REPLY_CHECK,
        executions.getOrDefault(CampaignStats.WAITING_FOR_REPLY_CHECK, 0L));
    json.put("error_rate", rate(dead, finished));
    ArrayNode steps = json.putArray("steps");
    for (CampaignStats.StepStats step : stats.steps()) {
      ObjectNode stepJson = steps.addObject();
      stepJson.put("id", Json.id(step.stepId()));
      stepJson.put("key", step.key());
      stepJson.put("type", step.type());
      for (String status : EXECUTION_STATUSES) {
        stepJson.put(status, step.byStatus().getOrDefault(status, 0L));
      }
      stepJson.put(
          CampaignStats.WAITING_FOR_REPLY_CHECK,
          step.byStatus().getOrDefault(CampaignStats.WAITING_FOR_REPLY_CHECK, 0L));
      stepJson.put(
          "reached",
          step.byStatus().entrySet().stream()
              .filter(e -> !e.getKey().equals(CampaignStats.WAITING_FOR_REPLY_CHECK))
              .mapToLong(Map.Entry::getValue)
              .sum());
      emails(stepJson, step.emails(), step.sent());
      stepJson.put("failed", step.byStatus().getOrDefault("dead", 0L)); // design §5.1's name
      if (!step.variants().isEmpty()) {
        stepJson.put("winner", step.winner());
        ArrayNode variants = stepJson.putArray("variants");
        for (CampaignStats.VariantStats v : step.variants()) {
          variants
              .addObject()
              .put("key", v.key())
              .put("weight", v.weight())
              .put("sent", v.sent())
              .put("opened", v.opened())
              .put("clicked", v.clicked())
              .put("replied", v.replied())
              .put("open_rate", rate(v.opened(), v.sent()))
              .put("click_rate", rate(v.clicked(), v.sent()))
              .put("reply_rate", rate(v.replied(), v.sent()))
              .put("winner", v.key().equals(step.winner()));
        }
      }
    }
    return json;
  }

  private static void emails(ObjectNode json, Emails emails, long base) {
    json.put("sent", emails.sent());
    json.put("in_doubt", emails.inDoubt());
    json.put("failed_sends", emails.failed());
    json.put("opened", emails.opened());
    json.put("opened_with_machine", emails.openedWithMachine());
    json.put("clicked", emails.clicked());
    json.put("replied", emails.replied());
    json.put("open_rate", rate(emails.opened(), base));
    json.put("open_rate_with_machine", rate(emails.openedWithMachine(), base));
    json.put("click_rate", rate(emails.clicked(), base));
    json.put("reply_rate", rate(emails.replied(), base));
  }

  static ObjectNode daily(DailyStats daily) {
    ObjectNode json = Json.object();
    json.put("timezone", daily.timezone());
    ArrayNode days = json.putArray("days");
    for (DailyStats.Day day : daily.days()) {
      days.addObject()
          .put("day", day.day().toString())
          .put("sent", day.sent())
          .put("opened", day.opened())
          .put("clicked", day.clicked())
          .put("replied", day.replied())
          .put("bounced", day.bounced())
          .put("unsubscribed", day.unsubscribed());
    }
    return json;
  }

  static ObjectNode upcoming(UpcomingSend upcoming) {
    return Json.object()
        .put("execution_id", Json.id(upcoming.executionId()))
        .put("enrollment_id", Json.id(upcoming.enrollmentId()))
        .put("step_key", upcoming.stepKey())
        .put("step_type", upcoming.stepType())
        .put("email_address", upcoming.emailAddress())
        .put("mailbox", upcoming.mailboxEmail())
        .put("scheduled_at", Json.time(upcoming.scheduledAt()))
        .put("attempts", upcoming.attempts())
        .put("state", upcoming.state());
  }

  /**
   * A mailbox's figures, with its reading (null: a mailbox created since the figures were read).
   */
  static ObjectNode mailbox(MailboxStats mailbox, MailboxReading reading) {
    ObjectNode json = mailbox(mailbox);
    if (reading != null) {
      MailboxJson.reading(json, reading);
    }
    return json;
  }

  static ObjectNode mailbox(MailboxStats mailbox) {
    return Json.object()
        .put("id", Json.id(mailbox.mailboxId()))
        .put("email", mailbox.email())
        .put("provider", mailbox.provider())
        .put("status", mailbox.status())
        .put("status_reason", mailbox.statusReason())
        .put("daily_limit", mailbox.dailyLimit())
        .put("sent_today", mailbox.sentToday())
        .put("quota_used", rate(mailbox.sentToday(), mailbox.dailyLimit()))
        .put("errors_last_24h", mailbox.errorsLast24h())
        .put("active_enrollments", mailbox.activeEnrollments())
        .put("deferred_until", Json.time(mailbox.deferredUntil()));
  }

  /** Rounded to four places: 0.1667, not 0.16666666666666666. */
  private static double rate(long count, long base) {
    return base == 0 ? 0.0 : Math.round(count * 10_000.0 / base) / 10_000.0;
  }
}
