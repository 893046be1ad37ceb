package com.campaignengine.webhooks;

import com.campaignengine.tracking.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks symmetric signing: a secret is {@code whsec_} + base64 of 32 random bytes (the
 * spec asks for 24 to 64); a signature is {@code v1,} + base64 of HMAC-SHA256 over {@code
 * <webhook-id>.<webhook-timestamp>.<body>} keyed with the decoded bytes — the scheme Svix uses, so
 * the same code signs here and verifies provider pushes. Thread-safe.
 */
public final class SigningSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 32;

  private SigningSecrets() {}

  /** A new secret, {@code whsec_<base64>}. */
  public static String generate() {
    byte[] key = new byte[SECRET_BYTES];
    RANDOM.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  /** The {@code webhook-signature} header value for this message. */
  public static String sign(String webhookId, long timestampSeconds, String body, String secret) {
    return WebhookSignatures.signSvix(
        body.getBytes(StandardCharsets.UTF_8), webhookId, timestampSeconds, secret);
  }
}
