package com.campaignengine.app;

import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.WorkspaceSummary;
import com.campaignengine.store.WorkspaceStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;

/**
 * The server administrator's use cases: creating and listing workspaces, opened by the server's
 * admin key ({@code CAMPAIGN_ENGINE_ADMIN_KEY}) and by no workspace's key. Without an admin key
 * they are off. The key is kept as its SHA-256 and compared with a presented one in constant time.
 */
public final class ServerAdmin {
  /** An admin key shorter than this is refused at start. */
  public static final int MIN_KEY_LENGTH = 16;

  /** A workspace's name is at most this long. */
  public static final int MAX_NAME_LENGTH = 200;

  private final WorkspaceStore store;
  private final byte[] keyHash;
  private final Clock clock;

  /**
   * @param adminKey the server's admin key, or null (or blank) to turn the admin's routes off
   * @throws IllegalArgumentException if the key is shorter than {@value #MIN_KEY_LENGTH}
   */
  public ServerAdmin(WorkspaceStore store, String adminKey, Clock clock) {
    this.store = store;
    this.clock = clock;
    if (adminKey == null || adminKey.isBlank()) {
      this.keyHash = null;
    } else {
      checkKey(adminKey);
      this.keyHash = digest(adminKey.strip());
    }
  }

  /**
   * Refuses an admin key shorter than {@value #MIN_KEY_LENGTH} characters.
   *
   * @throws IllegalArgumentException saying the rule, never the key
   */
  public static void checkKey(String adminKey) {
    if (adminKey.strip().length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "CAMPAIGN_ENGINE_ADMIN_KEY must be at least "
              + MIN_KEY_LENGTH
              + " characters long (it has "
              + adminKey.strip().length()
              + "); leave it unset to turn the workspace administration routes off");
    }
  }

  /** Whether the server has an admin key, i.e. whether the admin's routes exist at all. */
  public boolean enabled() {
    return keyHash != null;
  }

  /** Whether {@code presented} is the admin key: the SHA-256s compared in constant time. */
  public boolean authorizes(String presented) {
    if (keyHash == null || presented == null || presented.length() > 1_000) {
      return false;
    }
    return MessageDigest.isEqual(keyHash, digest(presented.strip()));
  }

  /** A new workspace and its owner's service key, shown this once. */
  public record CreatedWorkspace(long id, String name, String apiKey) {}

  /**
   * Creates a workspace named {@code name} (trimmed, 1 to {@value #MAX_NAME_LENGTH} characters)
   * with its first key: a service key with the owner role.
   */
  public CreatedWorkspace create(String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()) {
      throw new ValidationException("name", "name is required");
    }
    if (trimmed.length() > MAX_NAME_LENGTH) {
      throw new ValidationException(
          "name", "name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    String key = Workspaces.newKey();
    long id =
        store.createWorkspace(
            trimmed, Workspaces.sha256(key), Workspaces.prefix(key), clock.instant());
    return new CreatedWorkspace(id, trimmed, key);
  }

  /** Every workspace of the server, oldest first. */
  public List<WorkspaceSummary> list() {
    return store.listWorkspaces();
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
