package com.campaignengine.mail.outbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Maps a Message-ID to its .eml file name: angle brackets stripped, anything outside {@code
 * [A-Za-z0-9._@-]} replaced by {@code _}.
 *
 * <p>The mapping is not injective for arbitrary ids ({@code <a+b@x>} and {@code <a_b@x>} share a
 * file), but ids from {@link com.campaignengine.mail.MessageIds} only use safe characters.
 */
final class EmlFileNames {

  /** Stays well below the common 255-byte file name limit, leaving room for the suffix. */
  private static final int MAX_STEM = 200;

  private EmlFileNames() {}

  static String of(String messageId) {
    String stem = messageId.replace("<", "").replace(">", "").replaceAll("[^A-Za-z0-9._@-]", "_");
    if (stem.length() > MAX_STEM) {
      // Keep long ids usable rather than failing forever with "file name too long".
      stem = stem.substring(0, MAX_STEM - 17) + "_" + sha256Prefix(messageId);
    }
    return stem + ".eml";
  }

  private static String sha256Prefix(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
