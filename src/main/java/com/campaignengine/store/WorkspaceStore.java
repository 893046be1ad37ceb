package com.campaignengine.store;

import java.time.Instant;
import java.util.Optional;

/** Workspaces and their API keys (stored as SHA-256 hashes only). */
public interface WorkspaceStore {
  Optional<Long> workspaceForKey(String keySha256);

  boolean anyWorkspace();

  long createWorkspace(String name, String keySha256, String keyPrefix, Instant now);

  /**
   * Opens a dashboard session for the API key with this hash; the key's workspace, or empty when no
   * key matches. Expired sessions are deleted on the way.
   */
  Optional<Long> openSession(String keySha256, String tokenSha256, Instant now, Instant expiresAt);

  /** The workspace of a session that has not expired and whose API key still exists. */
  Optional<Long> workspaceForSession(String tokenSha256, Instant now);

  void closeSession(String tokenSha256);
}
