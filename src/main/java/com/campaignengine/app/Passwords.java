package com.campaignengine.app;

import com.campaignengine.failure.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Users' passwords: 12 to 200 characters, stored with BCrypt. BCrypt reads at most 72 bytes (and
 * Spring's encoder refuses more), so a password is first reduced to the base64 of its SHA-256 (44
 * characters): every character of a long passphrase counts. Thread-safe.
 */
public final class Passwords {
  /** The cost a production node hashes with: about a quarter of a second per hash. */
  public static final int PRODUCTION_COST = 12;

  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 200;

  private final int cost;

  /** A hash of nothing anyone knows, checked when a login names no user, to take as long. */
  private final String dummy;

  /**
   * @param cost BCrypt's log2 rounds: {@link #PRODUCTION_COST}; tests may go lower (4 or more)
   */
  public Passwords(int cost) {
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("BCrypt's cost must be 4 to 31");
    }
    this.cost = cost;
    this.dummy = encode(prehash(Workspaces.newToken()));
  }

  /**
   * The stored form of a new password.
   *
   * @throws ValidationException naming {@code password} when it is too short or too long
   */
  String hash(String password) {
    int length = password == null ? 0 : password.codePointCount(0, password.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new ValidationException(
          "password",
          "a password needs "
              + MIN_LENGTH
              + " to "
              + MAX_LENGTH
              + " characters (got "
              + length
              + ")");
    }
    return encode(prehash(password));
  }

  /**
   * Whether {@code password} is the one {@code hash} was made from; a null hash spends the time.
   */
  boolean matches(String password, String hash) {
    String candidate = prehash(password == null ? "" : password);
    if (hash == null) {
      BCrypt.checkpw(candidate, dummy);
      return false;
    }
    return BCrypt.checkpw(candidate, hash);
  }

  private String encode(String prehashed) {
    return BCrypt.hashpw(prehashed, BCrypt.gensalt(cost));
  }

  private static String prehash(String password) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
