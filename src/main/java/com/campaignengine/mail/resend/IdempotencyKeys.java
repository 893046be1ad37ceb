package com.campaignengine.mail.resend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives Resend's {@code Idempotency-Key} from our Message-ID.
 *
 * <p>The key must be a pure function of the Message-ID: the Message-ID is itself derived from the
 * step execution, so a process that restarts after a crash computes the same key again and Resend
 * answers the repeated send with the original response instead of sending a second email.
 *
 * <p>Stateless and thread-safe.
 */
final class IdempotencyKeys {

  /** Resend's documented maximum key length. */
  static final int MAX_LENGTH = 256;

  private IdempotencyKeys() {}

  /**
   * The Message-ID without its angle brackets (readable in Resend's logs), or {@code
   * "sha256:<hex>"} of the whole Message-ID when that would exceed {@value #MAX_LENGTH} characters.
   * Message-IDs are printable ASCII (see {@link com.campaignengine.mail.OutgoingMessage}), so the
   * key is a valid header value.
   */
  static String of(String messageId) {
    String bare = messageId.replace("<", "").replace(">", "");
    if (!bare.isEmpty() && bare.length() <= MAX_LENGTH) {
      return bare;
    }
    return "sha256:" + sha256Hex(messageId);
  }

  private static String sha256Hex(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
