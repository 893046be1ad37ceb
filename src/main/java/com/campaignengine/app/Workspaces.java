package com.campaignengine.app;

import com.campaignengine.failure.ValidationException;
import com.campaignengine.store.WorkspaceStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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

  /** A dashboard login: the cookie's token (shown once, stored hashed) and when it expires. */
  public record Session(String token, long workspaceId, Instant expiresAt) {}

  /** How long a dashboard login lasts. */
  public static final Duration SESSION_LENGTH = Duration.ofHours(12);

  /** Logs into the dashboard with an API key; empty when the key is not valid. */
  public Optional<Session> login(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      return Optional.empty();
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(SESSION_LENGTH);
    return store
        .openSession(sha256(apiKey.strip()), sha256(token), now, expiresAt)
        .map(workspace -> new Session(token, workspace, expiresAt));
  }

  /** The workspace of a live dashboard session. */
  public Optional<Long> sessionWorkspace(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    return store.workspaceForSession(sha256(token), clock.instant());
  }

  public void logout(String token) {
    if (token != null && !token.isBlank() && token.length() <= 100) {
      store.closeSession(sha256(token));
    }
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
