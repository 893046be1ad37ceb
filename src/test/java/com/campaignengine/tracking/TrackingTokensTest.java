package com.campaignengine.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.tracking.TrackingTokens.Kind;
import com.campaignengine.tracking.TrackingTokens.Token;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TrackingTokensTest {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final TrackingTokens tokens = new TrackingTokens(key(1));

  @Test
  void round_trips_each_kind() {
    assertThat(tokens.read(tokens.open(42))).contains(new Token(Kind.OPEN, 42, 0));
    assertThat(tokens.read(tokens.click(42, 7))).contains(new Token(Kind.CLICK, 42, 7));
    assertThat(tokens.read(tokens.unsubscribe(42))).contains(new Token(Kind.UNSUBSCRIBE, 42, 0));
  }

  @Property
  void round_trips_any_ids(
      @ForAll @LongRange(min = 0) long sendId, @ForAll @IntRange(min = 0) int linkIndex) {
    String token = tokens.click(sendId, linkIndex);

    assertThat(tokens.read(token)).contains(new Token(Kind.CLICK, sendId, linkIndex));
    assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(58);
  }

  @Test
  void is_short_and_reveals_no_id() {
    String open = tokens.open(123456789);

    assertThat(open).hasSize(44).doesNotContain("123456789");
    assertThat(tokens.open(Long.MAX_VALUE)).hasSizeLessThan(60);
    assertThat(tokens.click(Long.MAX_VALUE, Integer.MAX_VALUE)).hasSize(58);
    // Random nonce: the same send never yields a recognisably equal string.
    assertThat(tokens.open(123456789)).isNotEqualTo(open);
  }

  @Property
  void rejects_any_single_changed_character(
      @ForAll @LongRange(min = 0) long sendId,
      @ForAll @IntRange(min = 0, max = 1000) int position,
      @ForAll("replacements") char replacement) {
    String token = tokens.click(sendId, 3);
    int at = position % token.length();
    if (token.charAt(at) == replacement) {
      return;
    }
    String tampered = token.substring(0, at) + replacement + token.substring(at + 1);

    assertThat(tokens.read(tampered)).isEmpty();
  }

  @Test
  void rejects_every_change_of_every_character() {
    // Exhaustive for one token of each length class; covers the last character, whose unused low
    // bits a lenient base64 decoder would ignore.
    for (String token : new String[] {tokens.open(123456789), tokens.click(1, 2)}) {
      for (int at = 0; at < token.length(); at++) {
        for (char c : ALPHABET.toCharArray()) {
          if (c != token.charAt(at)) {
            String tampered = token.substring(0, at) + c + token.substring(at + 1);
            assertThat(tokens.read(tampered)).as(tampered).isEmpty();
          }
        }
      }
    }
  }

  @Provide
  Arbitrary<Character> replacements() {
    return Arbitraries.oneOf(
        Arbitraries.of(ALPHABET.toCharArray()), Arbitraries.of('=', '+', '/', ' ', '.', 'é'));
  }

  @Property
  void rejects_truncation_and_extension(
      @ForAll @LongRange(min = 0) long sendId, @ForAll @IntRange(min = 1, max = 60) int cut) {
    String token = tokens.open(sendId);

    assertThat(tokens.read(token.substring(0, Math.max(0, token.length() - cut)))).isEmpty();
    assertThat(tokens.read(token + "A")).isEmpty();
    assertThat(tokens.read(token + "=")).isEmpty();
  }

  @Test
  void rejects_a_token_from_another_key() {
    TrackingTokens other = new TrackingTokens(key(2));

    assertThat(tokens.read(other.open(42))).isEmpty();
    assertThat(other.read(tokens.unsubscribe(42))).isEmpty();
  }

  @Test
  void rejects_garbage_without_throwing() {
    assertThat(tokens.read(null)).isEmpty();
    assertThat(tokens.read("")).isEmpty();
    assertThat(tokens.read("%%%")).isEmpty();
    assertThat(tokens.read("123456789")).isEmpty();
    assertThat(tokens.read("A".repeat(43))).isEmpty();
    assertThat(tokens.read("A".repeat(100_000))).isEmpty();
    assertThat(tokens.read(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[40])))
        .isEmpty();
  }

  @Test
  void rejects_bad_arguments() {
    assertThatThrownBy(() -> new TrackingTokens(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrackingTokens(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.open(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tokens.click(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copies_the_key() {
    byte[] key = key(3);
    TrackingTokens copied = new TrackingTokens(key);
    String token = copied.open(9);
    Arrays.fill(key, (byte) 0);

    assertThat(copied.read(token)).contains(new Token(Kind.OPEN, 9, 0));
  }

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) seed);
    key[0] = (byte) 0x5a;
    return key;
  }
}
