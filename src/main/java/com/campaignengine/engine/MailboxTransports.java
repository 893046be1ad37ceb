package com.campaignengine.engine;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.mail.MailTransport;
import com.campaignengine.secrets.SecretUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transports of a node's mailboxes, resolved once per batch. A mailbox whose credentials this
 * node cannot unseal (another key, damaged secrets) has none: its work waits for a node that can
 * open them, and an event names this node for the alert rule, at most once a minute per mailbox.
 */
final class MailboxTransports {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxTransports.class);
  private static final Duration EVENT_EVERY = Duration.ofMinutes(1);

  private final TransportResolver resolver;
  private final SendOperations operations;
  private final String nodeId;
  private final Map<Long, Instant> lastEvent = new ConcurrentHashMap<>();

  MailboxTransports(TransportResolver resolver, SendOperations operations, String nodeId) {
    this.resolver = resolver;
    this.operations = operations;
    this.nodeId = nodeId;
  }

  /** One batch's view: each mailbox resolved at most once. Not thread-safe; one per batch. */
  final class Batch {
    private final Map<Long, Optional<MailTransport>> resolved = new HashMap<>();
    private final Map<Long, String> unavailable = new HashMap<>();
    private final Instant now;

    private Batch(Instant now) {
      this.now = now;
    }

    /** The mailbox's transport; empty if its credentials cannot be unsealed here. */
    Optional<MailTransport> of(Mailbox mailbox) {
      return resolved.computeIfAbsent(mailbox.id(), id -> resolve(mailbox));
    }

    /** Why the mailbox has no transport here (after {@link #of} answered empty). */
    String whyUnavailable(long mailboxId) {
      return unavailable.get(mailboxId);
    }

    private Optional<MailTransport> resolve(Mailbox mailbox) {
      try {
        return Optional.of(resolver.forMailbox(mailbox));
      } catch (SecretUnavailableException e) {
        String reason = "on node " + nodeId + ": " + e.getMessage();
        unavailable.put(mailbox.id(), reason);
        report(mailbox.id(), reason, now);
        return Optional.empty();
      }
    }
  }

  Batch forBatch(Instant now) {
    return new Batch(now);
  }

  private void report(long mailboxId, String reason, Instant now) {
    Instant last = lastEvent.get(mailboxId);
    if (last != null && last.plus(EVENT_EVERY).isAfter(now)) {
      return;
    }
    lastEvent.put(mailboxId, now);
    LOG.error(
        "Mailbox(id={}) credentials cannot be unsealed {}; its sends wait", mailboxId, reason);
    try {
      operations.secretUnavailable(mailboxId, nodeId, reason, now);
    } catch (RuntimeException e) {
      LOG.warn("Mailbox(id={}) could not record the unseal failure", mailboxId, e);
    }
  }
}
