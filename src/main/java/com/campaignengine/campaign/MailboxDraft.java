package com.campaignengine.campaign;

import java.util.Map;

/**
 * A mailbox as submitted. {@code settings} are the provider's plain settings by section ({@code
 * smtp}, {@code imap}, {@code gmail}, {@code resend}); {@code secrets} the write-only values
 * (passwords, client secret, refresh token, API key) keyed {@code section.name}.
 */
public record MailboxDraft(
    String provider,
    String email,
    String displayName,
    MailboxLimits limits,
    Map<String, Map<String, Object>> settings,
    Map<String, String> secrets) {

  public MailboxDraft {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
  }

  /** An outbox mailbox (writes .eml files): no settings, no secrets. */
  public static MailboxDraft outbox(String email, String displayName, int dailyLimit) {
    return new MailboxDraft(
        "outbox",
        email,
        displayName,
        new MailboxLimits(dailyLimit, null, 0, 0, "UTC"),
        Map.of(),
        Map.of());
  }
}
