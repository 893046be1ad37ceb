package com.campaignengine.inbound.classify;

import static com.campaignengine.inbound.classify.Mails.RECEIVED;
import static com.campaignengine.inbound.classify.Mails.eml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InboundParserTest {

  @Test
  void decodes_an_rfc2047_subject_and_reads_thread_headers() {
    InboundMessage m =
        Mails.parse(
            eml(
                "Return-Path: <juergen.mueller@example.de>",
                "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <Juergen.Mueller@Example.DE>",
                "To: recruiter@acme.example",
                "Subject: =?UTF-8?Q?Re:_Caf=C3=A9_=E2=80=93_Gr=C3=BC=C3=9Fe_aus_?=",
                " =?UTF-8?B?TcO8bmNoZW4=?=",
                "Message-ID: <20260305.1234@mail.example.de>",
                "In-Reply-To: <ce.42.1a2b3c4d@mail.acme.example>",
                "References: <ce.41.aaaa1111@mail.acme.example>",
                "\t<ce.42.1a2b3c4d@mail.acme.example>",
                "X-Custom-Header: first",
                "X-Custom-Header: second",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: 8bit",
                "",
                "Hallo, gerne können wir telefonieren.",
                "Jürgen"));

    assertThat(m.subject()).isEqualTo("Re: Café – Grüße aus München");
    assertThat(m.headers()).containsEntry("subject", "Re: Café – Grüße aus München");
    assertThat(m.fromAddress()).isEqualTo("juergen.mueller@example.de");
    assertThat(m.messageId()).isEqualTo("<20260305.1234@mail.example.de>");
    assertThat(m.inReplyTo()).containsExactly("<ce.42.1a2b3c4d@mail.acme.example>");
    assertThat(m.references())
        .containsExactly(
            "<ce.41.aaaa1111@mail.acme.example>", "<ce.42.1a2b3c4d@mail.acme.example>");
    assertThat(m.headers())
        .containsEntry("x-custom-header", "first")
        .containsEntry(
            "references", "<ce.41.aaaa1111@mail.acme.example>\t<ce.42.1a2b3c4d@mail.acme.example>");
    assertThat(m.textBody()).isEqualTo("Hallo, gerne können wir telefonieren.\r\nJürgen");
    assertThat(m.receivedAt()).isEqualTo(RECEIVED);
    assertThat(m.sourceId()).isEqualTo("test:1");
  }

  @Test
  void reads_raw_utf8_headers_as_utf8() {
    InboundMessage m =
        Mails.parse(eml("From: a@example.com", "Subject: Réponse rapide", "", "Oui."));

    assertThat(m.subject()).isEqualTo("Réponse rapide");
  }

  @Test
  void prefers_the_plain_part_of_multipart_alternative() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: Anna <anna@example.nl>",
                "Subject: Re: Vacature",
                "MIME-Version: 1.0",
                "Content-Type: multipart/alternative; boundary=\"alt-1\"",
                "",
                "--alt-1",
                "Content-Type: text/plain; charset=iso-8859-1",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Graag, laten we volgende week bellen. Groet, Ren=E9e",
                "--alt-1",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<p>Graag, <b>laten</b> we bellen.</p>",
                "--alt-1--"));

    assertThat(m.textBody()).isEqualTo("Graag, laten we volgende week bellen. Groet, Renée");
  }

  @Test
  void strips_tags_when_there_is_only_html() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: b@example.com",
                "Subject: Re: Hello",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<html><head><style>p{color:red}</style><title>x</title></head>",
                "<body><p>Sounds&nbsp;good &amp; thanks!</p><div>Call me at 3&#160;pm<br>Bo</div>",
                "<script>alert(1)</script></body></html>"));

    assertThat(m.textBody()).isEqualTo("Sounds good & thanks!\nCall me at 3 pm\nBo");
  }

  @Test
  void skips_text_attachments_and_finds_nested_bodies() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: c@example.com",
                "Subject: Re: CV",
                "Content-Type: multipart/mixed; boundary=outer",
                "",
                "--outer",
                "Content-Type: multipart/alternative; boundary=inner",
                "",
                "--inner",
                "Content-Type: text/html",
                "",
                "<p>See my CV attached.</p>",
                "--inner--",
                "--outer",
                "Content-Type: text/plain; name=cv.txt",
                "Content-Disposition: attachment; filename=cv.txt",
                "",
                "Curriculum vitae",
                "--outer--"));

    assertThat(m.textBody()).isEqualTo("See my CV attached.");
  }

  @Test
  void survives_garbage() {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);

    InboundMessage m = InboundParser.parse("imap:9", garbage, RECEIVED);

    assertThat(m.sourceId()).isEqualTo("imap:9");
    assertThat(m.raw()).isEqualTo(garbage);
    assertThat(m.fromAddress()).isNotNull();
    assertThat(m.subject()).isNotNull();
    assertThat(m.textBody()).isNotNull();
  }

  @Test
  void keeps_the_raw_body_of_a_broken_multipart() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: d@example.com",
                "Subject: Re: Offer",
                "Content-Type: multipart/mixed; boundary=\"never-used\"",
                "",
                "Yes, I am interested."));

    assertThat(m.subject()).isEqualTo("Re: Offer");
    assertThat(m.textBody()).isEqualTo("Yes, I am interested.");
  }

  @Test
  void caps_raw_and_body() {
    String body = "word ".repeat(300_000);
    byte[] raw =
        eml("From: e@example.com", "Subject: big", "", body).getBytes(StandardCharsets.US_ASCII);

    InboundMessage m = InboundParser.parse("big", raw, RECEIVED);

    assertThat(m.raw()).hasSize(InboundParser.MAX_RAW_BYTES);
    assertThat(m.raw()).isEqualTo(Arrays.copyOf(raw, InboundParser.MAX_RAW_BYTES));
    assertThat(m.textBody()).hasSize(InboundParser.MAX_BODY_CHARS).startsWith("word word");
  }

  @Test
  void missing_headers_give_empty_strings_and_null_message_id() {
    InboundMessage m = Mails.parse(eml("X-Nothing: here", "", "Body"));

    assertThat(m.fromAddress()).isEmpty();
    assertThat(m.subject()).isEmpty();
    assertThat(m.messageId()).isNull();
    assertThat(m.inReplyTo()).isEmpty();
    assertThat(m.textBody()).isEqualTo("Body");
  }

  @Test
  void rejects_null_arguments() {
    assertThatThrownBy(() -> InboundParser.parse(null, new byte[0], RECEIVED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InboundParser.parse("x", null, RECEIVED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InboundParser.parse("x", new byte[0], null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
