package com.campaignengine.store;

import com.campaignengine.access.ApiKey;
import com.campaignengine.access.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The API keys of a workspace as its admins manage them: named, with a role, a service key of the
 * workspace or a key of one of its users. Only a key's SHA-256 and its prefix are stored. Every
 * method is confined to one workspace; a revoked key is not found. Thread-safe.
 */
public interface ApiKeyStore {
  /** A key to store: its hash and prefix, and what it is. */
  record NewKey(
      String name, Role role, Long userId, String sha256, String prefix, Instant expiresAt) {}

  /** Whether {@code userId} is a user of {@code workspaceId}. */
  boolean userInWorkspace(long workspaceId, long userId);

  ApiKey insert(long workspaceId, NewKey key, Instant now);

  /** The workspace's keys that are not revoked (expired ones too), oldest first. */
  List<ApiKey> list(long workspaceId);

  /** A key of the workspace that is not revoked. */
  Optional<ApiKey> find(long workspaceId, long keyId);

  /** Revokes a key at {@code now}; false when the workspace has no such unrevoked key. */
  boolean revoke(long workspaceId, long keyId, Instant now);

  /**
   * In one transaction: stores {@code replacement} (same name, role and user as the old key) and
   * lets the old key live until {@code oldValidUntil} at the latest (revoked at once when that is
   * {@code now}). Empty when the workspace has no such unrevoked key.
   */
  Optional<ApiKey> rotate(
      long workspaceId, long keyId, NewKey replacement, Instant oldValidUntil, Instant now);
}
