package com.campaignengine.store;

import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
import com.campaignengine.readmodel.WorkspaceSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Workspaces and their API keys (stored as SHA-256 hashes only). */
public interface WorkspaceStore {
  /**
   * A live API key (not revoked, not expired at {@code now}) as stored, to be compared by its hash.
   *
   * @param userRole the role of the key's user, {@code null} for a service key
   * @param userEmail the key's user's address, {@code null} for a service key
   */
  record StoredKey(
      long id,
      long workspaceId,
      String name,
      String prefix,
      String sha256,
      Role role,
      Long userId,
      Role userRole,
      String userEmail) {}

  /** The live keys whose stored prefix is one of {@code prefixes}: the candidates for a key. */
  List<StoredKey> liveKeysWithPrefix(List<String> prefixes, Instant now);

  /** Notes that a key was used at {@code now} (at most once a minute, to spare the writes). */
  void keyUsed(long keyId, Instant now);

  boolean anyWorkspace();

  /** A workspace with its first key: a service key named {@code keyName} with the owner role. */
  long createWorkspace(String name, String keySha256, String keyPrefix, Instant now);

  /** Opens a dashboard session for an authenticated API key. */
  void openKeySession(Principal key, String tokenSha256, Instant now, Instant expiresAt);

  /**
   * Who a live session belongs to: its key (still live at {@code now}) or its user. Expired
   * sessions are not found.
   */
  Optional<Principal> sessionPrincipal(String tokenSha256, Instant now);

  void closeSession(String tokenSha256);

  /** Every workspace of the server, oldest first. */
  List<WorkspaceSummary> listWorkspaces();
}
