package com.campaignengine.api;

import com.campaignengine.campaign.MailboxDraft;

/** {@code POST /api/v1/mailboxes} bodies to drafts. Provider secrets are never kept here. */
final class MailboxRequests {
  static final int DEFAULT_DAILY_LIMIT = 500;

  private MailboxRequests() {}

  static MailboxDraft draft(JsonInput body) {
    String provider = body.requiredText("provider");
    String email = body.optionalText("email");
    String displayName = body.optionalText("display_name");
    int dailyLimit = body.optionalInt("daily_limit", DEFAULT_DAILY_LIMIT);
    Integer hourlyLimit = body.optionalInt("hourly_limit");
    int minGap = body.optionalInt("min_gap_seconds", 0);
    int maxGap = body.optionalInt("max_gap_seconds", minGap);
    return new MailboxDraft(
        provider,
        email == null ? null : email.strip(),
        displayName,
        dailyLimit,
        hourlyLimit,
        minGap,
        maxGap);
  }
}
