package com.campaignengine.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

  @Test
  void is_deterministic_and_well_formed() {
    String id = MessageIds.forSend(42, "Mail.Example.com");

    assertThat(id).matches("<ce\\.42\\.[0-9a-f]{8}@mail\\.example\\.com>");
    assertThat(MessageIds.forSend(42, "mail.example.com")).isEqualTo(id);
    assertThat(MessageIds.forSend(43, "mail.example.com")).isNotEqualTo(id);
    assertThat(MessageIds.forSend(42, "other.example.com"))
        .isNotEqualTo(id.replace("mail.example.com", "other.example.com"));
  }

  @Test
  void rejects_bad_input() {
    assertThatThrownBy(() -> MessageIds.forSend(-1, "example.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageIds.forSend(1, "exa mple.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageIds.forSend(1, "a@b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageIds.forSend(1, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recognises_only_its_own_ids() {
    assertThat(MessageIds.executionIdOf("<ce.42.deadbeef@mail.example.com>")).isEmpty();
    assertThat(MessageIds.executionIdOf("<other@mail.example.com>")).isEmpty();
    assertThat(MessageIds.executionIdOf(null)).isEmpty();
  }

  @Property
  void round_trips_and_is_a_valid_message_id(@ForAll @LongRange(min = 0) long executionId) {
    String id = MessageIds.forSend(executionId, "mail.example.com");

    assertThat(MessageIds.executionIdOf(id)).hasValue(executionId);
    assertThat(TestMessages.simple(executionId).messageId()).isEqualTo(id);
  }
}
