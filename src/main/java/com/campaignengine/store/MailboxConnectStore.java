package com.campaignengine.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Mailbox connections in flight ("Connect Gmail", "Connect Microsoft 365"): the OAuth state, kept
 * by its SHA-256 only, single use and short lived, with whom it was started by.
 */
public interface MailboxConnectStore {
  /**
   * A flow started by {@code userId} of {@code workspaceId}; {@code mailboxId} is the mailbox it
   * reconnects, or null for a new one; {@code codeVerifier} is the PKCE verifier.
   */
  record PendingConnect(
      String provider, long workspaceId, long userId, Long mailboxId, String codeVerifier) {
    @Override
    public String toString() {
      return "PendingConnect[provider="
          + provider
          + ", workspaceId="
          + workspaceId
          + ", userId="
          + userId
          + ", mailboxId="
          + mailboxId
          + "]";
    }
  }

  /** Saves a state (and forgets the expired ones). */
  void save(String stateSha256, PendingConnect pending, Instant now, Instant expiresAt);

  /** Takes (deletes) a state: empty when unknown, used already or expired. */
  Optional<PendingConnect> take(String stateSha256, Instant now);
}
