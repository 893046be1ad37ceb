package com.campaignengine.api;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.mailbox.ReplyDetection;
import com.campaignengine.readmodel.MailboxReading;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A mailbox as JSON; the record holds no secrets and none are ever rendered. */
final class MailboxJson {
  private MailboxJson() {}

  static ObjectNode render(Mailbox mailbox) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(mailbox.id()));
    json.put("provider", mailbox.connection().provider());
    json.put("email", mailbox.email());
    json.put("display_name", mailbox.displayName());
    json.put("daily_limit", mailbox.limits().dailyLimit());
    json.put("hourly_limit", mailbox.limits().hourlyLimit());
    json.put("min_gap_seconds", mailbox.limits().minGapSeconds());
    json.put("max_gap_seconds", mailbox.limits().maxGapSeconds());
    json.put("status", mailbox.status());
    json.put("status_reason", mailbox.statusReason());
    json.put("timezone", mailbox.limits().timezone());
    json.put(
        "reply_detection",
        ReplyDetection.of(mailbox.connection().provider(), mailbox.connection().settings())
            .wireName());
    // Plain settings only; secrets are write-only and never leave the server.
    mailbox
        .connection()
        .settings()
        .forEach((section, values) -> json.set(section, Json.MAPPER.valueToTree(values)));
    return json;
  }

  /** A mailbox with how well its inbox is read ({@link #reading}). */
  static ObjectNode render(Mailbox mailbox, MailboxReading reading) {
    return reading(render(mailbox), reading);
  }

  /**
   * Adds {@code reply_detection} ("imap", "gmail", "microsoft" or "none": follow-ups go out without
   * a reply check) and {@code inbound}: the last successful read, the last error and its time (it
   * stays after a later success), and whether reading is failing now (that error is newer than the
   * last read), and {@code follow_ups_waiting}: how many follow-ups wait because the mailbox could
   * not be asked whether their person replied, since when and why.
   */
  static ObjectNode reading(ObjectNode json, MailboxReading reading) {
    json.put("reply_detection", reading.replyDetection().wireName());
    ObjectNode inbound = json.putObject("inbound");
    inbound.put("last_read_at", Json.time(reading.lastReadAt()));
    inbound.put("last_error", reading.lastError());
    inbound.put("last_error_at", Json.time(reading.lastErrorAt()));
    inbound.put("failing", reading.failing());
    MailboxReading.FollowUpsWaiting waiting = reading.followUpsWaiting();
    inbound.put("follow_ups_waiting", waiting.count());
    inbound.put("follow_ups_waiting_since", Json.time(waiting.since()));
    inbound.put("follow_ups_waiting_reason", waiting.reason());
    return json;
  }
}
