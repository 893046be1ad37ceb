package com.campaignengine.api;

import com.campaignengine.campaign.Mailbox;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A mailbox as JSON; the record holds no secrets and none are ever rendered. */
final class MailboxJson {
  private MailboxJson() {}

  static ObjectNode render(Mailbox mailbox) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(mailbox.id()));
    json.put("provider", mailbox.provider());
    json.put("email", mailbox.email());
    json.put("display_name", mailbox.displayName());
    json.put("daily_limit", mailbox.dailyLimit());
    json.put("hourly_limit", mailbox.hourlyLimit());
    json.put("min_gap_seconds", mailbox.minGapSeconds());
    json.put("max_gap_seconds", mailbox.maxGapSeconds());
    json.put("status", mailbox.status());
    json.put("status_reason", mailbox.statusReason());
    json.put("timezone", mailbox.timezone());
    // Plain settings only; secrets are write-only and never leave the server.
    mailbox
        .settings()
        .forEach((section, values) -> json.set(section, Json.MAPPER.valueToTree(values)));
    return json;
  }
}
