package com.campaignengine.api;

import com.campaignengine.campaign.Mailbox;
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
    // Plain settings only; secrets are write-only and never leave the server.
    mailbox
        .connection()
        .settings()
        .forEach((section, values) -> json.set(section, Json.MAPPER.valueToTree(values)));
    return json;
  }
}
