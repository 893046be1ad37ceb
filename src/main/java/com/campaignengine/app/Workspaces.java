package com.campaignengine.app;

import com.campaignengine.store.WorkspaceStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/** Workspaces and API keys: keys are shown once and stored only as a SHA-256 hash. */
public final class Workspaces {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WorkspaceStore store;
  private final Clock clock;

  public Workspaces(WorkspaceStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * On a fresh database creates the first workspace with {@code presetKey} (or a generated key) and
   * returns the key; returns empty when a workspace exists already.
   */
  public Optional<String> createFirstWorkspace(String presetKey) {
    if (store.anyWorkspace()) {
      return Optional.empty();
    }
    String key = presetKey != null && !presetKey.isBlank() ? presetKey.strip() : newKey();
    if (key.length() < 16) {
      throw new ValidationException(
          "CAMPAIGN_ENGINE_API_KEY", "an API key needs at least 16 characters");
    }
    store.createWorkspace("Default workspace", sha256(key), key.substring(0, 8), clock.instant());
    return Optional.of(key);
  }

  /** Creates another workspace and returns its new API key (shown once). */
  public String createWorkspace(String name) {
    String key = newKey();
    store.createWorkspace(name, sha256(key), key.substring(0, 8), clock.instant());
    return key;
  }

  /** The workspace this key belongs to. */
  public Optional<Long> authenticate(String key) {
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    return store.workspaceForKey(sha256(key.strip()));
  }

  static String newKey() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return "ce_" + HexFormat.of().formatHex(bytes);
  }

  static String sha256(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
