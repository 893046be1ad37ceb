package com.campaignengine.app;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.store.DuplicateException;
import com.campaignengine.store.MailboxStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Sending mailboxes: checked on creation. */
public final class MailboxService {
  /** Providers this build can send through. */
  public static final Set<String> PROVIDERS = Set.of("outbox");

  private final MailboxStore mailboxes;
  private final Clock clock;

  public MailboxService(MailboxStore mailboxes, Clock clock) {
    this.mailboxes = mailboxes;
    this.clock = clock;
  }

  public Mailbox create(long workspaceId, MailboxDraft draft) {
    if (!PROVIDERS.contains(draft.provider())) {
      throw new ValidationException(
          "provider",
          "unsupported provider '" + draft.provider() + "' (supported: " + PROVIDERS + ")");
    }
    if (!EmailAddresses.isValid(draft.email())) {
      throw new ValidationException("email", "not a valid email address");
    }
    if (draft.displayName() != null
        && (draft.displayName().length() > 200
            || draft.displayName().matches("(?s).*[\\r\\n].*"))) {
      throw new ValidationException(
          "display_name", "display_name must be one line of at most 200 characters");
    }
    if (draft.dailyLimit() < 1 || draft.dailyLimit() > 100_000) {
      throw new ValidationException("daily_limit", "daily_limit must be between 1 and 100000");
    }
    if (draft.hourlyLimit() != null && (draft.hourlyLimit() < 1 || draft.hourlyLimit() > 10_000)) {
      throw new ValidationException("hourly_limit", "hourly_limit must be between 1 and 10000");
    }
    if (draft.minGapSeconds() < 0 || draft.minGapSeconds() > 86_400) {
      throw new ValidationException(
          "min_gap_seconds", "min_gap_seconds must be between 0 and 86400");
    }
    if (draft.maxGapSeconds() < draft.minGapSeconds() || draft.maxGapSeconds() > 86_400) {
      throw new ValidationException(
          "max_gap_seconds", "max_gap_seconds must be between min_gap_seconds and 86400");
    }
    try {
      return mailboxes.create(workspaceId, draft, clock.instant());
    } catch (DuplicateException e) {
      throw new ConflictException("email", e.getMessage(), e.existingId());
    }
  }

  public Mailbox get(long workspaceId, long mailboxId) {
    return mailboxes
        .find(workspaceId, mailboxId)
        .orElseThrow(() -> new NotFoundException("no mailbox " + mailboxId));
  }

  public List<Mailbox> list(long workspaceId) {
    return mailboxes.list(workspaceId);
  }
}
