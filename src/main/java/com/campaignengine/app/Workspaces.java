package com.campaignengine.app;

import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workspaces, API keys and dashboard sessions. A key is shown once and stored as its SHA-256 hash
 * and a short prefix: a key is found by its prefix, then its hash is compared in constant time.
 */
public final class Workspaces {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How stale a key's {@code last_used_at} may get before a use writes it again. */
  private static final Duration LAST_USED_GRAIN = Duration.ofMinutes(1);

  private final WorkspaceStore store;
  private final Clock clock;

  /**
   * When this node last wrote each key's {@code last_used_at}: every API request authenticates, and
   * without this each one would also cost an UPDATE round trip that almost always changes nothing.
   */
  private final Map<Long, Instant> lastNoted = new ConcurrentHashMap<>();

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
    store.createWorkspace("Default workspace", sha256(key), prefix(key), clock.instant());
    return Optional.of(key);
  }

  /** Creates another workspace and returns its new API key (shown once). */
  public String createWorkspace(String name) {
    String key = newKey();
    store.createWorkspace(name, sha256(key), prefix(key), clock.instant());
    return key;
  }

  /** The workspace this key belongs to. */
  public Optional<Long> authenticate(String key) {
    return principal(key).map(Principal::workspaceId);
  }

  /**
   * Who this key is: its workspace, its role (a user's key capped by its user's role), its user.
   * Empty for a key that is malformed, unknown, revoked or expired, with no hint of which.
   */
  public Optional<Principal> principal(String key) {
    if (key == null || key.isBlank() || key.strip().length() < MIN_KEY_LENGTH) {
      return Optional.empty();
    }
    String stripped = key.strip();
    if (stripped.length() > MAX_KEY_LENGTH) {
      return Optional.empty();
    }
    byte[] hash = sha256(stripped).getBytes(StandardCharsets.US_ASCII);
    Instant now = clock.instant();
    // A key made before prefixes grew to 12 characters is stored with its first 8.
    List<String> prefixes = List.of(stripped.substring(0, 8), prefix(stripped));
    Optional<Principal> found = Optional.empty();
    for (WorkspaceStore.StoredKey candidate : store.liveKeysWithPrefix(prefixes, now)) {
      boolean same =
          MessageDigest.isEqual(hash, candidate.sha256().getBytes(StandardCharsets.US_ASCII));
      if (same && found.isEmpty()) {
        found = Optional.of(principalOf(candidate));
      }
    }
    found.ifPresent(p -> noteUse(p.keyId(), now));
    return found;
  }

  private void noteUse(long keyId, Instant now) {
    Instant noted = lastNoted.get(keyId);
    if (noted == null || !noted.plus(LAST_USED_GRAIN).isAfter(now)) {
      store.keyUsed(keyId, now);
      lastNoted.put(keyId, now);
    }
  }

  private static Principal principalOf(WorkspaceStore.StoredKey key) {
    Role role = key.userRole() == null ? key.role() : key.role().cappedBy(key.userRole());
    return new Principal(
        key.workspaceId(),
        role,
        key.userId(),
        key.id(),
        "key:" + key.name() + " (" + key.prefix() + ")");
  }

  /** A dashboard login: the cookie's token (shown once, stored hashed) and when it expires. */
  public record Session(String token, long workspaceId, Instant expiresAt) {}

  /** How long a dashboard login lasts. */
  public static final Duration SESSION_LENGTH = Duration.ofHours(12);

  /** Logs into the dashboard with an API key; empty when the key is not valid. */
  public Optional<Session> login(String apiKey) {
    Optional<Principal> key = principal(apiKey);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    String token = newToken();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(SESSION_LENGTH);
    store.openKeySession(key.get(), sha256(token), now, expiresAt);
    return Optional.of(new Session(token, key.get().workspaceId(), expiresAt));
  }

  /** The workspace of a live dashboard session. */
  public Optional<Long> sessionWorkspace(String token) {
    return sessionPrincipal(token).map(Principal::workspaceId);
  }

  /** Who a live dashboard session belongs to. */
  public Optional<Principal> sessionPrincipal(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    return store.sessionPrincipal(sha256(token), clock.instant());
  }

  public void logout(String token) {
    if (token != null && !token.isBlank() && token.length() <= 100) {
      store.closeSession(sha256(token));
    }
  }

  /** Keys are at least this long (a preset first key too) and at most this long to be looked up. */
  static final int MIN_KEY_LENGTH = 16;

  private static final int MAX_KEY_LENGTH = 200;

  /** What is stored beside the hash to find a key, and shown in lists: its first 12 characters. */
  static String prefix(String key) {
    return key.substring(0, 12);
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
