package com.campaignengine.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Mail from the internet is hostile or broken often enough: nothing here may throw on it. */
class NeverThrowsPropertiesTest {

  private static final String REPORT_HEAD =
      Mails.eml(
          "From: MAILER-DAEMON@mail.example",
          "Content-Type: multipart/report; report-type=delivery-status; boundary=b",
          "",
          "--b",
          "Content-Type: message/delivery-status",
          "");

  @Property(tries = 200)
  void random_bytes(@ForAll @Size(max = 2000) byte[] raw) {
    InboundMessage m = InboundParser.parse("fuzz", raw, Mails.RECEIVED);

    assertThat(AutoReplies.detect(m)).isNotNull();
    assertThat(DeliveryReports.parse(m)).isNotNull();
  }

  @Property(tries = 200)
  void random_bytes_inside_a_report(@ForAll @Size(max = 2000) byte[] tail) {
    byte[] head = REPORT_HEAD.getBytes(StandardCharsets.US_ASCII);
    byte[] raw = new byte[head.length + tail.length];
    System.arraycopy(head, 0, raw, 0, head.length);
    System.arraycopy(tail, 0, raw, head.length, tail.length);

    assertThat(DeliveryReports.parse(InboundParser.parse("fuzz", raw, Mails.RECEIVED))).isNotNull();
  }

  @Property(tries = 200)
  void mutated_reports(
      @ForAll @IntRange(min = 0, max = 400) int cut,
      @ForAll @IntRange(min = 0, max = 400) int at,
      @ForAll("mailChars") String inserted) {
    String report =
        REPORT_HEAD
            + Mails.eml(
                "Final-Recipient: rfc822; a@example.com",
                "Action: failed",
                "Status: 5.1.1",
                "--b",
                "Content-Type: text/rfc822-headers",
                "",
                "Message-ID: <x@y>",
                "--b--");
    String mutated = report.substring(0, Math.min(at, report.length())) + inserted;
    mutated += report.substring(Math.min(report.length(), at + cut));

    InboundMessage m = Mails.parse(mutated);

    assertThat(DeliveryReports.parse(m)).isNotNull();
    assertThat(AutoReplies.detect(m)).isNotNull();
  }

  @Property(tries = 200)
  void random_header_maps(
      @ForAll("headers") Map<String, String> headers,
      @ForAll("mailChars") String subject,
      @ForAll("mailChars") String body) {
    InboundMessage m =
        new InboundMessage(
            "fuzz", null, null, null, null, subject, Mails.RECEIVED, headers, body, null);

    AutoReply reply = AutoReplies.detect(m);

    reply
        .returnDate()
        .ifPresent(
            d -> assertThat(d).isBetween(LocalDate.of(2026, 3, 5), LocalDate.of(2027, 3, 5)));
    assertThat(DeliveryReports.parse(m)).isNotNull();
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of(
                "auto-submitted",
                "x-autoreply",
                "x-autorespond",
                "precedence",
                "x-auto-response-suppress",
                "return-path",
                "from",
                "x-failed-recipients",
                "subject"),
            Arbitraries.strings().ofMaxLength(20));
    return Arbitraries.maps(names, mailChars()).ofMaxSize(8);
  }

  /** Text made mostly of the characters that matter to the parsers, plus anything at all. */
  @Provide
  Arbitrary<String> mailChars() {
    Arbitrary<String> words =
        Arbitraries.of(
            "<",
            ">",
            ";",
            ":",
            "\r\n",
            " ",
            "5.1.1",
            "550 ",
            "until ",
            "bis zum ",
            "9. ",
            "März ",
            "03/04/",
            "2026",
            "out of office ",
            "Automatic reply: ",
            "@",
            "=?UTF-8?Q?",
            "?=",
            "--b",
            "\r\n\r\n");
    Arbitrary<String> pieces = Arbitraries.oneOf(words, Arbitraries.strings().ofMaxLength(5));
    return pieces.list().ofMaxSize(30).map(list -> String.join("", list));
  }
}
