package com.campaignengine.testing;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxConnection;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.MailboxLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-data builders for mailboxes: {@code anSmtpMailbox("ada@recruit.example").named("Ada")
 * .with("smtp", settings).secret("smtp.password", "secret")}. Every test builds its mailbox drafts
 * and stored mailboxes here, so a change to {@link MailboxDraft} or {@link Mailbox} is a change to
 * this file.
 */
public final class Mailboxes {
  private Mailboxes() {}

  /** An outbox mailbox (writes .eml files): 500 a day, UTC, no settings. */
  public static MailboxBuilder anOutboxMailbox(String email) {
    return new MailboxBuilder("outbox", email);
  }

  /** An SMTP mailbox: 500 a day, UTC; settings and secrets as given. */
  public static MailboxBuilder anSmtpMailbox(String email) {
    return new MailboxBuilder("smtp", email);
  }

  /** A Gmail mailbox: 500 a day, UTC; settings and secrets as given. */
  public static MailboxBuilder aGmailMailbox(String email) {
    return new MailboxBuilder("gmail", email);
  }

  /** A Microsoft 365 mailbox: 500 a day, UTC; settings and secrets as given. */
  public static MailboxBuilder aMicrosoftMailbox(String email) {
    return new MailboxBuilder("microsoft", email);
  }

  /** A mailbox draft, or with {@link #stored} a mailbox as the store returns it. */
  public static final class MailboxBuilder {
    private final String provider;
    private final String email;
    private String displayName;
    private int dailyLimit = 500;
    private Integer hourlyLimit;
    private int minGapSeconds;
    private int maxGapSeconds;
    private String timezone = "UTC";
    private final Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();

    private MailboxBuilder(String provider, String email) {
      this.provider = provider;
      this.email = email;
    }

    /** The display name recipients see. */
    public MailboxBuilder named(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public MailboxBuilder dailyLimit(int dailyLimit) {
      this.dailyLimit = dailyLimit;
      return this;
    }

    public MailboxBuilder hourlyLimit(Integer hourlyLimit) {
      this.hourlyLimit = hourlyLimit;
      return this;
    }

    /** At least {@code min} and at most {@code max} seconds between two sends. */
    public MailboxBuilder gapsBetweenSends(int minSeconds, int maxSeconds) {
      this.minGapSeconds = minSeconds;
      this.maxGapSeconds = maxSeconds;
      return this;
    }

    public MailboxBuilder inTimezone(String timezone) {
      this.timezone = timezone;
      return this;
    }

    /** The plain settings of one section ({@code smtp}, {@code imap}, {@code gmail}). */
    public MailboxBuilder with(String section, Map<String, Object> values) {
      settings.put(section, Map.copyOf(values));
      return this;
    }

    /** A write-only value keyed {@code section.name}, e.g. {@code smtp.password}. */
    public MailboxBuilder secret(String key, String value) {
      secrets.put(key, value);
      return this;
    }

    public MailboxDraft build() {
      return new MailboxDraft(
          provider,
          email,
          displayName,
          new MailboxLimits(dailyLimit, hourlyLimit, minGapSeconds, maxGapSeconds, timezone),
          settings,
          secrets);
    }

    /** This mailbox as stored with {@code id} in workspace 1, with {@code status}. */
    public Mailbox stored(long id, String status) {
      MailboxDraft draft = build();
      return new Mailbox(
          id,
          1,
          draft.email(),
          draft.displayName(),
          status,
          null,
          draft.limits(),
          new MailboxConnection(draft.provider(), Map.<String, Object>copyOf(draft.settings()), 1));
    }
  }
}
