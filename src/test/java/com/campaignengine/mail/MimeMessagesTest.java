package com.campaignengine.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeMessagesTest {

  private static MimeMessage parse(byte[] bytes) throws Exception {
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
  }

  private static OutgoingMessage threaded(String text) {
    OutgoingMessage m = TestMessages.simple(5);
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("List-Unsubscribe", "<https://u.example/unsub/5>");
    extra.put("X-Campaign", "Herbst-Aktion ü");
    return new OutgoingMessage(
        m.messageId(),
        m.date(),
        m.from(),
        m.to(),
        m.subject(),
        new OutgoingMessage.Body(text, null),
        new OutgoingMessage.Threading(
            "<ce.4.abcdef01@mail.example.com>",
            List.of("<first@mail.example.com>", "<ce.4.abcdef01@mail.example.com>"),
            null),
        extra);
  }

  @Test
  void writes_threading_and_extra_headers() throws Exception {
    MimeMessage parsed = parse(MimeMessages.toRfc5322(threaded("Hi\n")));

    assertThat(parsed.getHeader("In-Reply-To", null)).isEqualTo("<ce.4.abcdef01@mail.example.com>");
    assertThat(parsed.getHeader("References", " "))
        .isEqualTo("<first@mail.example.com> <ce.4.abcdef01@mail.example.com>");
    assertThat(parsed.getHeader("List-Unsubscribe", null)).isEqualTo("<https://u.example/unsub/5>");
    assertThat(jakarta.mail.internet.MimeUtility.decodeText(parsed.getHeader("X-Campaign", null)))
        .isEqualTo("Herbst-Aktion ü");
    assertThat(parsed.getHeader("MIME-Version", null)).isEqualTo("1.0");
  }

  @Test
  void omits_threading_headers_when_unset() throws Exception {
    MimeMessage parsed = parse(MimeMessages.toRfc5322(TestMessages.simple(6)));

    assertThat(parsed.getHeader("In-Reply-To")).isNull();
    assertThat(parsed.getHeader("References")).isNull();
  }

  @Test
  void text_only_message_is_plain_utf8_with_our_message_id() throws Exception {
    OutgoingMessage m = TestMessages.simple(11);
    MimeMessage parsed = parse(MimeMessages.toRfc5322(m));

    assertThat(parsed.getMessageID()).isEqualTo(m.messageId());
    assertThat(parsed.getContentType())
        .startsWith("text/plain")
        .containsIgnoringCase("charset=UTF-8");
    assertThat(parsed.getEncoding()).isEqualTo("7bit");
    assertThat(parsed.getContent()).isEqualTo("Hi Ada,\r\nthis is message 11.\r\n");
    assertThat(parsed.getHeader("Date", null)).isEqualTo("Mon, 6 May 2024 07:08:09 +0000");
  }

  @Test
  void uses_crlf_line_endings_only_and_quoted_printable_for_non_ascii() {
    String raw =
        new String(
            MimeMessages.toRfc5322(threaded("Grüße\nund\r\nmehr\r")), StandardCharsets.US_ASCII);

    assertThat(raw.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(raw)
        .contains("Content-Transfer-Encoding: quoted-printable")
        .contains("Gr=C3=BC=C3=9Fe\r\nund\r\nmehr");
  }

  @Test
  void same_message_gives_same_headers() throws Exception {
    MimeMessage a = parse(MimeMessages.toRfc5322(TestMessages.simple(12)));
    MimeMessage b = parse(MimeMessages.toRfc5322(TestMessages.simple(12)));

    assertThat(a.getMessageID()).isEqualTo(b.getMessageID());
    assertThat(a.getHeader("Date", null)).isEqualTo(b.getHeader("Date", null));
  }
}
