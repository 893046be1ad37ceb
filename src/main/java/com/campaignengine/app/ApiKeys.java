package com.campaignengine.app;

import com.campaignengine.access.ApiKey;
import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
import com.campaignengine.failure.CampaignEngineException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.store.ApiKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The API keys of a workspace: created (a service key of the workspace, or a key of one of its
 * users), listed, revoked and rotated by its admins. A key is shown once, when it is made, and
 * stored as its SHA-256 and prefix (see {@link Workspaces}). No one hands out a key that may do
 * more than they may: a key's role, and the role of a key revoked or rotated, is at most the
 * caller's.
 */
public final class ApiKeys {
  /** The longest grace a rotated key's predecessor keeps working for. */
  public static final Duration MAX_GRACE = Duration.ofDays(7);

  /** A key's name is at most this long. */
  public static final int MAX_NAME_LENGTH = 200;

  private final ApiKeyStore store;
  private final Clock clock;

  public ApiKeys(ApiKeyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A key just made: what is listed, and the secret, shown this once. */
  public record Created(ApiKey key, String secret) {}

  /** The caller asked for (or about) a key whose role is above its own: a 403. */
  public static final class RoleAboveCaller extends CampaignEngineException {
    private static final long serialVersionUID = 1L;

    RoleAboveCaller(Role wanted, Role caller) {
      super(
          "a key with the "
              + wanted.wire()
              + " role may only be handed out or managed by a "
              + wanted.wire()
              + " or above (you are "
              + caller.wire()
              + ")",
          null,
          false,
          false);
    }
  }

  /** The user a key was asked for is not one of the caller's workspace: a 404. */
  public static final class UnknownUser extends CampaignEngineException {
    private static final long serialVersionUID = 1L;

    UnknownUser(long userId) {
      super("no user " + userId + " in this workspace", null, false, false);
    }
  }

  /**
   * A new key of the caller's workspace.
   *
   * @param expiresAt when it stops working, or null for never; must be in the future
   * @param userId the user it belongs to (its role then capped by the user's), or null for a
   *     service key of the workspace
   */
  public Created create(Principal caller, String name, Role role, Instant expiresAt, Long userId) {
    String trimmed = name(name);
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new ValidationException("expires_at", "expires_at must be in the future");
    }
    requireWithin(caller, role);
    if (userId != null && !store.userInWorkspace(caller.workspaceId(), userId)) {
      throw new UnknownUser(userId);
    }
    String secret = Workspaces.newKey();
    ApiKey key =
        store.insert(
            caller.workspaceId(),
            new ApiKeyStore.NewKey(
                trimmed,
                role,
                userId,
                Workspaces.sha256(secret),
                Workspaces.prefix(secret),
                expiresAt),
            now);
    return new Created(key, secret);
  }

  /** The workspace's keys that are not revoked, oldest first. */
  public List<ApiKey> list(long workspaceId) {
    return store.list(workspaceId);
  }

  /** Revokes a key of the caller's workspace: it is refused from now on (and its sessions end). */
  public void revoke(Principal caller, long keyId) {
    ApiKey key = find(caller, keyId);
    requireWithin(caller, key.role());
    if (!store.revoke(caller.workspaceId(), keyId, clock.instant())) {
      throw notFound(keyId);
    }
  }

  /**
   * A new key with the old one's name, role and user; the old one keeps working for {@code grace}
   * (no longer than it would have anyway), and none at all when {@code grace} is zero.
   *
   * @param expiresAt when the new key stops working, or null for never
   */
  public Created rotate(Principal caller, long keyId, Duration grace, Instant expiresAt) {
    if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
      throw new ValidationException(
          "grace_seconds",
          "grace_seconds must be between 0 and " + MAX_GRACE.toSeconds() + " (7 days)");
    }
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new ValidationException("expires_at", "expires_at must be in the future");
    }
    ApiKey old = find(caller, keyId);
    requireWithin(caller, old.role());
    String secret = Workspaces.newKey();
    ApiKeyStore.NewKey replacement =
        new ApiKeyStore.NewKey(
            old.name(),
            old.role(),
            old.userId(),
            Workspaces.sha256(secret),
            Workspaces.prefix(secret),
            expiresAt);
    ApiKey key =
        store
            .rotate(caller.workspaceId(), keyId, replacement, now.plus(grace), now)
            .orElseThrow(() -> notFound(keyId));
    return new Created(key, secret);
  }

  private ApiKey find(Principal caller, long keyId) {
    return store.find(caller.workspaceId(), keyId).orElseThrow(() -> notFound(keyId));
  }

  private static void requireWithin(Principal caller, Role role) {
    if (!caller.role().includes(role)) {
      throw new RoleAboveCaller(role, caller.role());
    }
  }

  private static NotFoundException notFound(long keyId) {
    return new NotFoundException("no API key " + keyId + " in this workspace");
  }

  private static String name(String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()) {
      throw new ValidationException("name", "name is required");
    }
    if (trimmed.length() > MAX_NAME_LENGTH) {
      throw new ValidationException(
          "name", "name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    return trimmed;
  }
}
