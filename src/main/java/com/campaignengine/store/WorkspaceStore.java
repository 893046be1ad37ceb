package com.campaignengine.store;

import java.time.Instant;
import java.util.Optional;

/** Workspaces and their API keys (stored as SHA-256 hashes only). */
public interface WorkspaceStore {
  Optional<Long> workspaceForKey(String keySha256);

  boolean anyWorkspace();

  long createWorkspace(String name, String keySha256, String keyPrefix, Instant now);
}
