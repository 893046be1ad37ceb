package com.campaignengine.tracking;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

  // The example delivery in Svix's documentation, with the signature Svix published for it.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TS = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final Instant NOW = Instant.ofEpochSecond(TS + 10);

  @Test
  void svix_known_answer() {
    assertThat(WebhookSignatures.signSvix(BODY, ID, TS, SECRET)).isEqualTo(SIGNATURE);
    assertThat(verify(BODY, ID, Long.toString(TS), SIGNATURE, SECRET, NOW)).isTrue();
  }

  @Test
  void svix_rejects_a_tampered_delivery_or_wrong_secret() {
    byte[] tampered = "{\"test\": 2432232315}".getBytes(UTF_8);
    String otherSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);

    assertThat(verify(tampered, ID, Long.toString(TS), SIGNATURE, SECRET, NOW)).isFalse();
    assertThat(verify(BODY, ID + "x", Long.toString(TS), SIGNATURE, SECRET, NOW)).isFalse();
    assertThat(verify(BODY, ID, Long.toString(TS), SIGNATURE, otherSecret, NOW)).isFalse();
    assertThat(verify(BODY, ID, Long.toString(TS), SIGNATURE, "MfKQ9r8GKYqrTwjUPD8I", NOW))
        .isFalse();
    assertThat(verify(BODY, ID, Long.toString(TS), SIGNATURE, "whsec_", NOW)).isFalse();
    assertThat(verify(BODY, ID, Long.toString(TS), SIGNATURE, "whsec_!!", NOW)).isFalse();
    assertThat(verify(BODY, ID, Long.toString(TS), "v2," + SIGNATURE.substring(3), SECRET, NOW))
        .isFalse();
    assertThat(verify(BODY, ID, Long.toString(TS), "v1,not base64!", SECRET, NOW)).isFalse();
    assertThat(verify(BODY, ID, Long.toString(TS), "", SECRET, NOW)).isFalse();
    assertThat(verify(null, ID, Long.toString(TS), SIGNATURE, SECRET, NOW)).isFalse();
    assertThat(verify(BODY, ID, Long.toString(TS), null, SECRET, NOW)).isFalse();
    assertThat(verify(BODY, ID, Long.toString(TS), SIGNATURE, null, NOW)).isFalse();
  }

  @Test
  void svix_rejects_timestamps_outside_five_minutes() {
    Instant sent = Instant.ofEpochSecond(TS);

    assertThat(verify(BODY, ID, "" + TS, SIGNATURE, SECRET, sent.plusSeconds(300))).isTrue();
    assertThat(verify(BODY, ID, "" + TS, SIGNATURE, SECRET, sent.minusSeconds(300))).isTrue();
    assertThat(verify(BODY, ID, "" + TS, SIGNATURE, SECRET, sent.plusSeconds(301))).isFalse();
    assertThat(verify(BODY, ID, "" + TS, SIGNATURE, SECRET, sent.minusSeconds(301))).isFalse();
    assertThat(verify(BODY, ID, "1614265330.0", SIGNATURE, SECRET, sent)).isFalse();
    assertThat(verify(BODY, ID, "-1", SIGNATURE, SECRET, sent)).isFalse();
    assertThat(verify(BODY, ID, "99999999999999999999", SIGNATURE, SECRET, sent)).isFalse();
  }

  @Test
  void svix_accepts_any_matching_signature_in_the_list() {
    String oldSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2});
    String old = WebhookSignatures.signSvix(BODY, ID, TS, oldSecret);

    String rotating = old + " " + SIGNATURE;
    String withUnknownVersion = "v1a,AAAA  " + SIGNATURE + " ";

    assertThat(verify(BODY, ID, "" + TS, rotating, SECRET, NOW)).isTrue();
    assertThat(verify(BODY, ID, "" + TS, rotating, oldSecret, NOW)).isTrue();
    assertThat(verify(BODY, ID, "" + TS, withUnknownVersion, SECRET, NOW)).isTrue();
    assertThat(verify(BODY, ID, "" + TS, old + " v1,AAAA", SECRET, NOW)).isFalse();
  }

  @Test
  void svix_signer_rejects_a_malformed_secret() {
    assertThatThrownBy(() -> WebhookSignatures.signSvix(BODY, ID, TS, "plain"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generic_hmac_with_and_without_prefix() {
    byte[] secret = "s3cret".getBytes(UTF_8);
    byte[] body = "{\"event\":\"bounce\"}".getBytes(UTF_8);
    String hex = WebhookSignatures.signHmacSha256Hex(body, secret);

    assertThat(hex).matches("[0-9a-f]{64}");
    assertThat(WebhookSignatures.verifyHmacSha256Hex(body, hex, secret)).isTrue();
    assertThat(WebhookSignatures.verifyHmacSha256Hex(body, "sha256=" + hex, secret)).isTrue();
    assertThat(WebhookSignatures.verifyHmacSha256Hex(body, " SHA256=" + hex.toUpperCase(), secret))
        .isTrue();
    assertThat(WebhookSignatures.verifyHmacSha256Hex("{}".getBytes(UTF_8), hex, secret)).isFalse();
    assertThat(WebhookSignatures.verifyHmacSha256Hex(body, hex, "other".getBytes(UTF_8))).isFalse();
    assertThat(WebhookSignatures.verifyHmacSha256Hex(body, hex.substring(2), secret)).isFalse();
    assertThat(WebhookSignatures.verifyHmacSha256Hex(body, "sha1=" + hex, secret)).isFalse();
    assertThat(WebhookSignatures.verifyHmacSha256Hex(body, null, secret)).isFalse();
    assertThat(WebhookSignatures.verifyHmacSha256Hex(body, hex, new byte[0])).isFalse();
  }

  @Test
  void generic_hmac_known_answer() {
    // RFC 4231 test case 2.
    byte[] key = "Jefe".getBytes(UTF_8);
    byte[] data = "what do ya want for nothing?".getBytes(UTF_8);

    assertThat(WebhookSignatures.signHmacSha256Hex(data, key))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  private static boolean verify(
      byte[] body, String id, String ts, String signature, String secret, Instant now) {
    return WebhookSignatures.verifySvix(body, id, ts, signature, secret, now);
  }
}
