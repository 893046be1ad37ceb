package com.campaignengine.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutgoingMessageTest {

  private static OutgoingMessage with(
      String messageId, String inReplyTo, Map<String, String> extra) {
    OutgoingMessage m = TestMessages.simple(1);
    return new OutgoingMessage(
        messageId,
        m.date(),
        m.from(),
        m.to(),
        m.subject(),
        new OutgoingMessage.Body(m.body().text(), null),
        new OutgoingMessage.Threading(inReplyTo, null, null),
        extra);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc@host", "<abc>", "<a@b@c>", "<a b@c>", "<>", "<@host>", "<abc@>"})
  void rejects_malformed_message_ids(String id) {
    assertThatThrownBy(() -> with(id, null, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejects_header_injection() {
    String id = MessageIds.forSend(1, "example.com");
    assertThatThrownBy(() -> with(id, "<a@b>\r\nBcc: x@y", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> with(id, null, Map.of("X-Tag", "a\nBcc: x@y")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> with(id, null, Map.of("X Tag", "a")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> with(id, null, Map.of("message-id", "<x@y>")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Address("a@b\r\n", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Address(" ", null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copies_collections_immutably() {
    List<String> refs = new ArrayList<>(List.of("<a@b>"));
    OutgoingMessage m = TestMessages.simple(1);
    OutgoingMessage copy =
        new OutgoingMessage(
            m.messageId(),
            m.date(),
            m.from(),
            m.to(),
            m.subject(),
            new OutgoingMessage.Body(m.body().text(), null),
            new OutgoingMessage.Threading(null, refs, null),
            null);
    refs.add("<c@d>");

    assertThat(copy.threading().references()).containsExactly("<a@b>");
    assertThat(copy.extraHeaders()).isEmpty();
    assertThatThrownBy(() -> copy.threading().references().add("<e@f>"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
