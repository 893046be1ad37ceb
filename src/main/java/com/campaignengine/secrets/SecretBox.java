package com.campaignengine.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens small secrets with AES-256-GCM: a fresh 96-bit nonce per seal, the 128-bit tag
 * authenticates the text, and a version byte leaves room for key rotation. Thread-safe.
 *
 * <p>Layout: {@code version (1) | nonce (12) | ciphertext + tag}.
 */
public final class SecretBox {
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  public SecretBox(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the secret key must be 32 bytes (AES-256)");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  public byte[] seal(String plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
          .put(VERSION)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is always available", e);
    }
  }

  /**
   * Opens what {@link #seal} produced.
   *
   * @throws SecretUnavailableException if it was sealed with another key, altered, or is not a
   *     sealed secret of a known version
   */
  public String open(byte[] sealed) {
    if (sealed.length < 1 + NONCE_BYTES || sealed[0] != VERSION) {
      throw new SecretUnavailableException("not a sealed secret of a known version", null);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new SecretUnavailableException(
          "sealed secret does not open with this key (wrong CAMPAIGN_ENGINE_SECRET_KEY?)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not open a sealed secret", e);
    }
  }
}
