package com.campaignengine.app;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.mailbox.ReplyDetection;
import com.campaignengine.readmodel.MailboxReading;
import com.campaignengine.store.DuplicateException;
import com.campaignengine.store.MailboxStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Sending mailboxes: checked on creation, secrets sealed before they are stored (AES-GCM), never
 * returned. Updating the credentials of a disconnected mailbox reconnects it and releases its
 * parked work. A mailbox that reads its inbox is read at once after either: replies that arrived
 * before, or while its credentials were wrong, must not wait for the next periodic read.
 */
public final class MailboxService {
  private final MailboxStore mailboxes;
  private final MailboxSecrets secrets;
  private final MailboxVerifier verifier;
  private final Clock clock;
  private final LongConsumer readInbox;

  /**
   * @param readInbox asked to read a mailbox's inbox soon (asynchronously), by its id
   */
  public MailboxService(
      MailboxStore mailboxes,
      MailboxSecrets secrets,
      MailboxVerifier verifier,
      Clock clock,
      LongConsumer readInbox) {
    this.mailboxes = mailboxes;
    this.secrets = secrets;
    this.verifier = verifier;
    this.clock = clock;
    this.readInbox = readInbox;
  }

  public Mailbox create(long workspaceId, MailboxDraft draft) {
    return create(workspaceId, draft, false);
  }

  /** With {@code verify}, the provider is asked first; a refusal writes nothing (422). */
  public Mailbox create(long workspaceId, MailboxDraft draft, boolean verify) {
    checkLimits(draft);
    ProviderSettings.check(draft.provider(), draft.settings(), draft.secrets());
    if (verify) {
      verifyOrRefuse(draft.provider(), draft.settings(), draft.secrets());
    }
    Mailbox created;
    try {
      created =
          mailboxes.create(workspaceId, draft, secrets.seal(draft.secrets()), clock.instant());
    } catch (DuplicateException e) {
      throw new ConflictException("email", e.getMessage(), e.existingId());
    }
    readInboxIfAny(created);
    return created;
  }

  /**
   * Replaces the provider settings; secrets not given are kept. Reconnects the mailbox and releases
   * its parked sends.
   */
  public Mailbox updateCredentials(
      long workspaceId,
      long mailboxId,
      Map<String, Map<String, Object>> settings,
      Map<String, String> newSecrets,
      boolean verify) {
    Mailbox current = get(workspaceId, mailboxId);
    Map<String, String> merged = new HashMap<>(secretsOf(current.id()));
    merged.putAll(newSecrets);
    ProviderSettings.check(current.provider(), settings, merged);
    if (verify) {
      verifyOrRefuse(current.provider(), settings, merged);
    }
    Mailbox updated =
        mailboxes
            .updateCredentials(
                workspaceId, mailboxId, settings, secrets.seal(merged), clock.instant())
            .orElseThrow(() -> new NotFoundException("no mailbox " + mailboxId));
    readInboxIfAny(updated);
    return updated;
  }

  /**
   * How well the mailbox's inbox is read: reply detection, the last successful read, the last
   * error.
   */
  public MailboxReading reading(long workspaceId, long mailboxId) {
    return mailboxes
        .reading(workspaceId, mailboxId)
        .orElseThrow(() -> new NotFoundException("no mailbox " + mailboxId));
  }

  private void readInboxIfAny(Mailbox mailbox) {
    if (ReplyDetection.of(mailbox.provider(), mailbox.settings()) != ReplyDetection.NONE) {
      readInbox.accept(mailbox.id());
    }
  }

  /**
   * Asks the provider whether the mailbox's stored settings and secrets work, sending nothing;
   * returns the mailbox when they do, refuses (422, the provider's complaint) when they do not.
   */
  public Mailbox verify(long workspaceId, long mailboxId) {
    Mailbox mailbox = get(workspaceId, mailboxId);
    verifyOrRefuse(mailbox.provider(), sections(mailbox.settings()), secretsOf(mailbox.id()));
    return mailbox;
  }

  @SuppressWarnings("unchecked") // each stored section is a JSON object of plain settings
  private static Map<String, Map<String, Object>> sections(Map<String, Object> settings) {
    Map<String, Map<String, Object>> sections = new HashMap<>();
    settings.forEach((name, value) -> sections.put(name, (Map<String, Object>) value));
    return sections;
  }

  /** The opened secrets of a mailbox, for the node that builds its transport. */
  public Map<String, String> secretsOf(long mailboxId) {
    return secrets.open(mailboxId);
  }

  public Mailbox get(long workspaceId, long mailboxId) {
    return mailboxes
        .find(workspaceId, mailboxId)
        .orElseThrow(() -> new NotFoundException("no mailbox " + mailboxId));
  }

  public List<Mailbox> list(long workspaceId) {
    return mailboxes.list(workspaceId);
  }

  private void verifyOrRefuse(
      String provider, Map<String, Map<String, Object>> settings, Map<String, String> secrets) {
    Optional<String> problem = verifier.verify(provider, settings, secrets);
    if (problem.isPresent()) {
      throw new ValidationException(
          provider, "the provider refused these settings: " + problem.get());
    }
  }

  private static void checkLimits(MailboxDraft draft) {
    if (!EmailAddresses.isValid(draft.email())) {
      throw new ValidationException("email", "not a valid email address");
    }
    if (draft.displayName() != null
        && (draft.displayName().length() > 200
            || draft.displayName().matches("(?s).*[\\r\\n\\x00].*"))) {
      throw new ValidationException(
          "display_name", "display_name must be one line of at most 200 characters");
    }
    TimeZones.check("timezone", draft.timezone());
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
  }
}
