package com.campaignengine.mailbox;

import java.util.Map;

/**
 * How a mailbox learns of replies: from its IMAP inbox (any provider with {@code imap} settings),
 * from Gmail's API (the {@code gmail} provider without IMAP settings), from Microsoft Graph (the
 * {@code microsoft} provider without IMAP settings), or not at all (Resend, SMTP without IMAP, the
 * outbox): follow-ups from such a mailbox go out without a reply check, and only unsubscribe links
 * and pushed webhooks stop a sequence.
 */
public enum ReplyDetection {
  IMAP("imap"),
  GMAIL("gmail"),
  MICROSOFT("microsoft"),
  NONE("none");

  private final String wireName;

  ReplyDetection(String wireName) {
    this.wireName = wireName;
  }

  /** "imap", "gmail", "microsoft" or "none", as the API and the checkpoints name it. */
  public String wireName() {
    return wireName;
  }

  /** IMAP settings win: a Gmail mailbox with IMAP settings is read over IMAP. */
  public static ReplyDetection of(String provider, boolean hasImapSettings) {
    if (hasImapSettings) {
      return IMAP;
    }
    if ("gmail".equals(provider)) {
      return GMAIL;
    }
    return "microsoft".equals(provider) ? MICROSOFT : NONE;
  }

  /** From a mailbox's provider and its plain settings sections ({@code "imap"}, ...). */
  public static ReplyDetection of(String provider, Map<String, ?> settings) {
    return of(provider, settings != null && settings.get("imap") != null);
  }
}
