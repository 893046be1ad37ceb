package com.campaignengine.tracking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies (and, for fixtures, produces) the signatures of incoming webhooks.
 *
 * <ul>
 *   <li>Generic: HMAC-SHA256 of the raw body, hex, optionally prefixed {@code sha256=}.
 *   <li>Svix, as used by Resend: HMAC-SHA256 over {@code id.timestamp.body} keyed with the
 *       base64-decoded part of a {@code whsec_...} secret; the {@code svix-signature} header is a
 *       space-separated list of {@code v1,<base64>} entries (several during a secret rotation; one
 *       match suffices); timestamps more than five minutes from now either way are rejected, which
 *       is what stops a captured delivery from being replayed later.
 * </ul>
 *
 * <p>Always verify the raw request bytes: re-serialized JSON differs from what was signed.
 * Comparisons are constant-time ({@link MessageDigest#isEqual}). Verifiers return {@code false} for
 * any malformed input and never throw; nothing here logs, since secrets and signatures pass
 * through. Stateless and thread-safe.
 */
public final class WebhookSignatures {

  /** Svix's own tolerance, in both directions. */
  static final Duration SVIX_TOLERANCE = Duration.ofMinutes(5);

  private static final String SVIX_SECRET_PREFIX = "whsec_";
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

  private WebhookSignatures() {}

  /**
   * Whether {@code signatureHeader} ({@code sha256=<hex>} or bare hex, either case) is the
   * HMAC-SHA256 of {@code body} under {@code secret}.
   */
  public static boolean verifyHmacSha256Hex(byte[] body, String signatureHeader, byte[] secret) {
    if (body == null || signatureHeader == null || secret == null || secret.length == 0) {
      return false;
    }
    String hex = signatureHeader.strip();
    if (hex.regionMatches(true, 0, "sha256=", 0, 7)) {
      hex = hex.substring(7);
    }
    if (!HEX_SHA256.matcher(hex).matches()) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), HexFormat.of().parseHex(hex));
  }

  /**
   * The lowercase hex HMAC-SHA256 of {@code body}; prefix {@code sha256=} for a header value.
   *
   * @throws IllegalArgumentException when {@code secret} is empty
   */
  public static String signHmacSha256Hex(byte[] body, byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("empty secret");
    }
    return HexFormat.of().formatHex(hmac(secret, body));
  }

  /**
   * Whether a Svix (Resend) delivery is authentic and fresh.
   *
   * @param body the raw request body
   * @param svixId the {@code svix-id} header
   * @param svixTimestamp the {@code svix-timestamp} header, seconds since the epoch
   * @param svixSignature the {@code svix-signature} header
   * @param secret the endpoint's signing secret, {@code whsec_<base64>}
   * @param now the current time, to judge the timestamp by
   */
  public static boolean verifySvix(
      byte[] body,
      String svixId,
      String svixTimestamp,
      String svixSignature,
      String secret,
      Instant now) {
    if (body == null || svixId == null || svixTimestamp == null || svixSignature == null) {
      return false;
    }
    String seconds = svixTimestamp.strip();
    if (now == null || !SECONDS.matcher(seconds).matches()) {
      return false;
    }
    Instant sent = Instant.ofEpochSecond(Long.parseLong(seconds));
    if (Duration.between(sent, now).abs().compareTo(SVIX_TOLERANCE) > 0) {
      return false;
    }
    byte[] key = svixKey(secret);
    if (key == null) {
      return false;
    }
    byte[] expected = hmac(key, svixContent(svixId, seconds, body));
    for (String entry : svixSignature.strip().split("\\s+")) {
      // Other versions (e.g. "v1a," for asymmetric signatures) are not ours to check.
      if (entry.startsWith("v1,") && MessageDigest.isEqual(expected, base64(entry.substring(3)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code svix-signature} header value ({@code v1,<base64>}) Svix would send.
   *
   * @throws IllegalArgumentException when {@code secret} is not {@code whsec_<base64>}
   */
  public static String signSvix(byte[] body, String svixId, long timestampSeconds, String secret) {
    byte[] key = svixKey(secret);
    if (key == null) {
      throw new IllegalArgumentException("not a whsec_<base64> secret");
    }
    byte[] content = svixContent(svixId, Long.toString(timestampSeconds), body);
    return "v1," + Base64.getEncoder().encodeToString(hmac(key, content));
  }

  /** The HMAC key behind a {@code whsec_<base64>} secret, or {@code null} when it is not one. */
  private static byte[] svixKey(String secret) {
    if (secret == null || !secret.startsWith(SVIX_SECRET_PREFIX)) {
      return null;
    }
    byte[] key = base64(secret.substring(SVIX_SECRET_PREFIX.length()));
    // An empty key would make every signature computable by anyone.
    return key.length == 0 ? null : key;
  }

  private static byte[] svixContent(String svixId, String seconds, byte[] body) {
    byte[] prefix = (svixId + "." + seconds + ".").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(body, 0, content, prefix.length, body.length);
    return content;
  }

  /** Standard base64, or an empty array when malformed (which then matches nothing). */
  private static byte[] base64(String s) {
    try {
      return Base64.getDecoder().decode(s.strip());
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is mandatory in every Java SE runtime; a non-empty key is always valid.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
