package com.campaignengine.mail.resend;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.Address;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.TestMessages;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResendPayloadTest {

  private static String mailbox(String name) {
    return ResendPayload.mailbox(new Address("ada@example.org", name));
  }

  @Test
  void plain_names_stay_unquoted() {
    assertThat(mailbox(null)).isEqualTo("ada@example.org");
    assertThat(mailbox("  ")).isEqualTo("ada@example.org");
    assertThat(mailbox("Ada Lovelace")).isEqualTo("Ada Lovelace <ada@example.org>");
    assertThat(mailbox(" Zoë Müller ")).isEqualTo("Zoë Müller <ada@example.org>");
    assertThat(mailbox("O'Brien-Smith")).isEqualTo("O'Brien-Smith <ada@example.org>");
  }

  @Test
  void names_with_specials_are_quoted_and_escaped() {
    assertThat(mailbox("Lovelace, Ada")).isEqualTo("\"Lovelace, Ada\" <ada@example.org>");
    assertThat(mailbox("A. Lovelace")).isEqualTo("\"A. Lovelace\" <ada@example.org>");
    assertThat(mailbox("Ada <admin@evil.example>"))
        .isEqualTo("\"Ada <admin@evil.example>\" <ada@example.org>");
    assertThat(mailbox("Ada \"Countess\" L"))
        .isEqualTo("\"Ada \\\"Countess\\\" L\" <ada@example.org>");
    assertThat(mailbox("back\\slash")).isEqualTo("\"back\\\\slash\" <ada@example.org>");
  }

  @Test
  void same_message_gives_same_bytes_whatever_its_date() {
    OutgoingMessage first = TestMessages.rich(1);
    OutgoingMessage recomposed =
        new OutgoingMessage(
            first.messageId(),
            Instant.parse("2030-01-01T00:00:00Z"),
            first.from(),
            first.to(),
            first.subject(),
            first.body(),
            OutgoingMessage.Threading.NONE,
            Map.of());

    assertThat(ResendPayload.toJson(recomposed)).isEqualTo(ResendPayload.toJson(first));
  }

  @Test
  void idempotency_key_is_the_bare_message_id_or_its_hash_when_too_long() {
    assertThat(IdempotencyKeys.of("<ce.42.1a2b3c4d@mail.example.com>"))
        .isEqualTo("ce.42.1a2b3c4d@mail.example.com");
    String longId = "<" + "a".repeat(300) + "@example.com>";
    String key = IdempotencyKeys.of(longId);
    assertThat(key).startsWith("sha256:").hasSize(7 + 64);
    assertThat(IdempotencyKeys.of(longId)).isEqualTo(key);
    assertThat(IdempotencyKeys.of("<" + "a".repeat(300) + "@example.net>")).isNotEqualTo(key);
    String exactlyMax = "<" + "b".repeat(256 - "@x.io".length()) + "@x.io>";
    assertThat(IdempotencyKeys.of(exactlyMax)).hasSize(256).doesNotStartWith("sha256:");
  }
}
