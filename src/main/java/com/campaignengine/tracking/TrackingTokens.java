package com.campaignengine.tracking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and reads the opaque tokens in open-pixel, click and unsubscribe URLs.
 *
 * <p>A token is {@code base64url(nonce[12] || AES-256-GCM(payload) || tag[16])} without padding.
 * The payload is a kind byte followed by the send id and, for clicks, the link index, both as
 * unsigned LEB128 varints. Encryption (not just a MAC) is what keeps ids out of the URL: a
 * recipient must not learn our send ids or enumerate other sends. The tag is what makes tokens
 * unforgeable: {@link #read} accepts nothing this key did not mint. An open token is 43 characters
 * for a send id below 2^21 and 44 below 2^28; the longest possible token (a click with maximal
 * values) is 58.
 *
 * <p>The nonce is random, so minting the same token twice gives different strings. Random 96-bit
 * GCM nonces stay safe for about 2^32 tokens per key (NIST SP 800-38D); rotate the key well before
 * that.
 *
 * <p>Thread-safe: the key is immutable, and a {@link Cipher} (which is not thread-safe) is used by
 * one thread only: minting keeps one per thread (looking up the provider and expanding the AES key
 * cost more than the encryption itself, three tokens per email), reading creates one per call.
 */
public final class TrackingTokens {

  /** What a token grants. */
  public enum Kind {
    OPEN,
    CLICK,
    UNSUBSCRIBE
  }

  /**
   * A verified token.
   *
   * @param kind what it is for
   * @param sendId the send it belongs to, not negative
   * @param linkIndex the link's index for {@link Kind#CLICK}, otherwise 0
   */
  public record Token(Kind kind, long sendId, int linkIndex) {}

  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int MIN_BYTES = NONCE_BYTES + TAG_BITS / 8 + 2;
  private static final int MAX_BYTES = NONCE_BYTES + TAG_BITS / 8 + 1 + 9 + 5;

  /** Bounds the work {@link #read} does on hostile input before any decoding. */
  private static final int MAX_CHARS = 64;

  /** High nibble of the kind byte: a format version, so a later format can coexist. */
  private static final int VERSION = 0x10;

  /** Bound into the tag, so a key accidentally shared with another use cannot mint tokens. */
  private static final byte[] AAD =
      "campaignengine.tracking.v1".getBytes(StandardCharsets.US_ASCII);

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** Initialized afresh (a new nonce) for every token; the AES key schedule is kept across. */
  private final ThreadLocal<Cipher> minting = ThreadLocal.withInitial(TrackingTokens::newCipher);

  /**
   * @param key exactly 32 bytes (AES-256); copied, so the caller may wipe its array
   */
  public TrackingTokens(byte[] key) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("tracking key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** A token for the open pixel of one send. */
  public String open(long sendId) {
    return mint(Kind.OPEN, sendId, 0);
  }

  /** A token for the link at {@code linkIndex} (see {@link LinkRewriter}) of one send. */
  public String click(long sendId, int linkIndex) {
    return mint(Kind.CLICK, sendId, linkIndex);
  }

  /** A token for the unsubscribe URL of one send. */
  public String unsubscribe(long sendId) {
    return mint(Kind.UNSUBSCRIBE, sendId, 0);
  }

  /**
   * The token's contents, or empty for anything this key did not mint: tampered, truncated,
   * foreign-key, garbage, {@code null}. Never throws.
   */
  public Optional<Token> read(String token) {
    if (token == null || token.length() > MAX_CHARS) {
      return Optional.empty();
    }
    try {
      byte[] raw = DECODER.decode(token);
      // The decoder ignores the unused low bits of the last character; without this check a
      // token would have several spellings, and "any changed character is rejected" would fail.
      if (raw.length < MIN_BYTES
          || raw.length > MAX_BYTES
          || !ENCODER.encodeToString(raw).equals(token)) {
        return Optional.empty();
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
      cipher.updateAAD(AAD);
      byte[] payload = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
      return parse(payload);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private String mint(Kind kind, long sendId, int linkIndex) {
    if (sendId < 0 || linkIndex < 0) {
      throw new IllegalArgumentException("sendId and linkIndex must not be negative");
    }
    ByteBuffer payload = ByteBuffer.allocate(16);
    payload.put((byte) (VERSION | kind.ordinal()));
    putVarint(payload, sendId);
    if (kind == Kind.CLICK) {
      putVarint(payload, linkIndex);
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = minting.get();
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(AAD);
      byte[] sealed = cipher.doFinal(payload.array(), 0, payload.position());
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return ENCODER.encodeToString(out);
    } catch (GeneralSecurityException e) {
      // AES-GCM is mandatory in every Java SE runtime, so this is a broken JVM, not bad input.
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private static Optional<Token> parse(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    int head = in.get() & 0xFF;
    int ordinal = head & 0x0F;
    if ((head & 0xF0) != VERSION || ordinal >= Kind.values().length) {
      return Optional.empty();
    }
    Kind kind = Kind.values()[ordinal];
    long sendId = getVarint(in);
    long linkIndex = kind == Kind.CLICK ? getVarint(in) : 0;
    if (sendId < 0 || linkIndex < 0 || linkIndex > Integer.MAX_VALUE || in.hasRemaining()) {
      return Optional.empty();
    }
    return Optional.of(new Token(kind, sendId, (int) linkIndex));
  }

  private static void putVarint(ByteBuffer out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.put((byte) v);
  }

  /** The varint at the buffer's position, or -1 when it is truncated or longer than a long. */
  private static long getVarint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 63 && in.hasRemaining(); shift += 7) {
      int b = in.get() & 0xFF;
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    return -1;
  }
}
