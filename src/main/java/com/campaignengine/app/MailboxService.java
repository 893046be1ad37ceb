package com.campaignengine.app;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.MailboxLimits;
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
  private final MailboxAccess access;

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
    this.access = new MailboxAccess(mailboxes);
  }

  /** Which of the workspace's mailboxes a caller may manage and send from. */
  public MailboxAccess access() {
    return access;
  }

  public Mailbox create(long workspaceId, MailboxDraft draft) {
    return create(workspaceId, draft, false);
  }

  /** With {@code verify}, the provider is asked first; a refusal writes nothing (422). */
  public Mailbox create(long workspaceId, MailboxDraft draft, boolean verify) {
    return create(workspaceId, null, draft, verify);
  }

  /** As above, owned by {@code ownerUserId} ({@code null}: a mailbox of the workspace). */
  public Mailbox create(long workspaceId, Long ownerUserId, MailboxDraft draft, boolean verify) {
    checkLimits(draft);
    ProviderSettings.check(draft.provider(), draft.settings(), draft.secrets());
    if (verify) {
      verifyOrRefuse(draft.provider(), draft.settings(), draft.secrets());
    }
    Mailbox created;
    try {
      created =
          mailboxes.create(
              workspaceId, ownerUserId, draft, secrets.seal(draft.secrets()), clock.instant());
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
    ProviderSettings.check(current.connection().provider(), settings, merged);
    if (verify) {
      verifyOrRefuse(current.connection().provider(), settings, merged);
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
    if (ReplyDetection.of(mailbox.connection().provider(), mailbox.connection().settings())
        != ReplyDetection.NONE) {
      readInbox.accept(mailbox.id());
    }
  }

  /**
   * Changes what {@code change} gives, checked as a create is (limits, gaps, display name, time
   * zone, provider settings and secrets); the email address and provider stay. New settings or
   * secrets reconnect the mailbox and release its parked sends, as new credentials do. With {@code
   * verify}, the provider is asked about the result first; a refusal changes nothing.
   */
  public Mailbox update(long workspaceId, long mailboxId, MailboxChange change, boolean verify) {
    Mailbox current = get(workspaceId, mailboxId);
    Map<String, Map<String, Object>> settings = new HashMap<>();
    sections(current.connection().settings())
        .forEach((name, values) -> settings.put(name, new HashMap<>(values)));
    // The stored secrets, so that the provider's settings are checked whole (a Gmail mailbox
    // needs its client secret and refresh token even when only its daily limit changes).
    Map<String, String> merged = new HashMap<>(secretsOf(current.id()));
    for (String removed : change.removedSections()) {
      settings.remove(removed);
      merged.keySet().removeIf(key -> key.startsWith(removed + "."));
    }
    change
        .settings()
        .forEach(
            (section, values) -> {
              Map<String, Object> target = settings.computeIfAbsent(section, s -> new HashMap<>());
              values.forEach(
                  (name, value) -> {
                    if (value == null) {
                      target.remove(name);
                    } else {
                      target.put(name, value);
                    }
                  });
            });
    merged.putAll(change.secrets());
    MailboxLimits limits = current.limits();
    MailboxDraft draft =
        new MailboxDraft(
            current.connection().provider(),
            current.email(),
            or(change.displayName(), current.displayName()),
            new MailboxLimits(
                required("daily_limit", change.dailyLimit(), limits.dailyLimit()),
                or(change.hourlyLimit(), limits.hourlyLimit()),
                required("min_gap_seconds", change.minGapSeconds(), limits.minGapSeconds()),
                required("max_gap_seconds", change.maxGapSeconds(), limits.maxGapSeconds()),
                required("timezone", change.timezone(), limits.timezone())),
            settings,
            merged);
    checkLimits(draft);
    ProviderSettings.check(draft.provider(), draft.settings(), draft.secrets());
    if (verify) {
      verifyOrRefuse(draft.provider(), draft.settings(), draft.secrets());
    }
    byte[] sealed = change.changesCredentials() ? secrets.seal(draft.secrets()) : null;
    Mailbox updated =
        mailboxes
            .update(workspaceId, mailboxId, draft, sealed, clock.instant())
            .orElseThrow(() -> new NotFoundException("no mailbox " + mailboxId));
    if (change.changesCredentials()) {
      // Reconnected, as with new credentials: its inbox is read at once.
      readInboxIfAny(updated);
    }
    return updated;
  }

  private static <T> T or(MailboxChange.Given<T> given, T current) {
    return given == null ? current : given.value();
  }

  private static <T> T required(String field, MailboxChange.Given<T> given, T current) {
    if (given != null && given.value() == null) {
      throw new ValidationException(field, field + " cannot be null");
    }
    return or(given, current);
  }

  /**
   * Asks the provider whether the mailbox's stored settings and secrets work, sending nothing;
   * returns the mailbox when they do, refuses (422, the provider's complaint) when they do not.
   */
  public Mailbox verify(long workspaceId, long mailboxId) {
    Mailbox mailbox = get(workspaceId, mailboxId);
    verifyOrRefuse(
        mailbox.connection().provider(),
        sections(mailbox.connection().settings()),
        secretsOf(mailbox.id()));
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

  /**
   * Deletes a mailbox nothing live sends from (409 naming the campaigns, or the enrollments still
   * assigned to it, otherwise). Its sealed secrets go with it.
   */
  public void delete(long workspaceId, long mailboxId) {
    MailboxStore.Deletion deletion = mailboxes.delete(workspaceId, mailboxId);
    if (!deletion.found()) {
      throw new NotFoundException("no mailbox " + mailboxId);
    }
    if (!deletion.liveCampaigns().isEmpty()) {
      throw new ConflictException(
          "id",
          "mailbox "
              + mailboxId
              + " is used by "
              + (deletion.liveCampaigns().size() == 1 ? "campaign " : "campaigns ")
              + String.join(", ", deletion.liveCampaigns().stream().map(String::valueOf).toList())
              + ", not archived: archive them or take it out of their mailbox_ids first",
          null);
    }
    if (deletion.liveEnrollments() > 0) {
      throw new ConflictException(
          "id",
          "mailbox "
              + mailboxId
              + " still sends the sequences of "
              + deletion.liveEnrollments()
              + (deletion.liveEnrollments() == 1 ? " enrollment" : " enrollments")
              + " that started on it: stop them or archive their campaigns first",
          null);
    }
  }

  public Mailbox get(long workspaceId, long mailboxId) {
    return mailboxes
        .find(workspaceId, mailboxId)
        .orElseThrow(() -> new NotFoundException("no mailbox " + mailboxId));
  }

  /** The id of the workspace's mailbox with this address (case ignored), if there is one. */
  public Optional<Long> idOf(long workspaceId, String address) {
    return mailboxes.list(workspaceId).stream()
        .filter(mailbox -> mailbox.email().equalsIgnoreCase(address.strip()))
        .map(Mailbox::id)
        .findFirst();
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
    MailboxLimits limits = draft.limits();
    TimeZones.check("timezone", limits.timezone());
    if (limits.dailyLimit() < 1 || limits.dailyLimit() > 100_000) {
      throw new ValidationException("daily_limit", "daily_limit must be between 1 and 100000");
    }
    if (limits.hourlyLimit() != null
        && (limits.hourlyLimit() < 1 || limits.hourlyLimit() > 10_000)) {
      throw new ValidationException("hourly_limit", "hourly_limit must be between 1 and 10000");
    }
    if (limits.minGapSeconds() < 0 || limits.minGapSeconds() > 86_400) {
      throw new ValidationException(
          "min_gap_seconds", "min_gap_seconds must be between 0 and 86400");
    }
    if (limits.maxGapSeconds() < limits.minGapSeconds() || limits.maxGapSeconds() > 86_400) {
      throw new ValidationException(
          "max_gap_seconds", "max_gap_seconds must be between min_gap_seconds and 86400");
    }
  }
}
