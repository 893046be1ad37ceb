package com.campaignengine.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the key for secrets at rest comes from: {@code CAMPAIGN_ENGINE_SECRET_KEY} (base64 of 32
 * bytes) when set — required when several nodes share a database — else a key file in the data
 * directory, created on first use with owner-only permissions.
 */
public final class SecretKeys {
  public static final String FILE_NAME = "secret.key";

  private SecretKeys() {}

  public static byte[] load(String fromEnvironment, Path dataDir) {
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return decode(fromEnvironment.strip(), "CAMPAIGN_ENGINE_SECRET_KEY");
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
      }
      Files.createDirectories(dataDir);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Path temp = Files.createTempFile(dataDir, ".secret", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // not a POSIX file system: the file keeps the directory's permissions
      }
      Files.writeString(temp, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read or create the secret key " + file, e);
    }
  }

  /**
   * A separate 32-byte key for one purpose (e.g. "tracking"), derived from the node key with
   * HMAC-SHA256, so a token key never doubles as the key that seals credentials.
   */
  public static byte[] derive(byte[] key, String purpose) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(("campaign-engine/" + purpose).getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }

  /**
   * A fingerprint of {@code key} to compare keys by without showing them: HMAC-SHA256 of a constant
   * under a key derived for this purpose alone (hex). It reveals nothing of the key, and the key
   * that seals secrets is never used for it.
   */
  public static String fingerprint(byte[] key) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(derive(key, "key-fingerprint"), "HmacSHA256"));
      return java.util.HexFormat.of()
          .formatHex(
              mac.doFinal(
                  "campaign-engine secret key fingerprint v1".getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }

  private static byte[] decode(String base64, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not base64", e);
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(source + " must be 32 bytes, base64-encoded");
    }
    return key;
  }
}
