package com.campaignengine.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.mail.Address;
import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.TestMessages;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTransportTest {

  @TempDir Path dir;

  private static MimeMessage parse(Path eml) throws Exception {
    try (InputStream in = Files.newInputStream(eml)) {
      return new MimeMessage(Session.getInstance(new Properties()), in);
    }
  }

  @Test
  void eml_parses_back_with_headers_and_both_parts() throws Exception {
    OutboxTransport outbox = new OutboxTransport(dir);
    OutgoingMessage message = TestMessages.rich(42);

    SendResult result = outbox.send(message);

    String fileName = ((SendResult.Sent) result).providerMessageId();
    assertThat(fileName).isEqualTo(message.messageId().replaceAll("[<>]", "") + ".eml");
    MimeMessage parsed = parse(dir.resolve(fileName));
    assertThat(parsed.getMessageID()).isEqualTo(message.messageId());
    assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Zoë Müller");
    assertThat(((InternetAddress) parsed.getFrom()[0]).getAddress()).isEqualTo("zoe@example.com");
    assertThat(parsed.getSubject()).isEqualTo("Grüße aus Köln, Zoë");
    assertThat(parsed.getHeader("Subject", null)).startsWith("=?UTF-8?");
    assertThat(parsed.getSentDate().toInstant()).isEqualTo(message.date());
    MimeMultipart alternative = (MimeMultipart) parsed.getContent();
    assertThat(parsed.getContentType()).startsWith("multipart/alternative");
    assertThat(alternative.getCount()).isEqualTo(2);
    assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(alternative.getBodyPart(0).getContent())
        .isEqualTo("Hallo Ada,\r\nGrüße aus Köln!\r\n");
    assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
    assertThat(alternative.getBodyPart(1).getContent()).isEqualTo(message.body().html());
  }

  @Test
  void lookup_reflects_file_presence() {
    OutboxTransport outbox = new OutboxTransport(dir.resolve("nested/outbox"));
    OutgoingMessage message = TestMessages.simple(7);
    assertThat(outbox.lookup(message.messageId())).isEqualTo(Delivery.NOT_DELIVERED);

    outbox.send(message);

    assertThat(outbox.lookup(message.messageId())).isEqualTo(Delivery.DELIVERED);
    assertThat(new OutboxTransport(dir.resolve("nested/outbox")).lookup(message.messageId()))
        .as("a new instance after a restart sees the same answer")
        .isEqualTo(Delivery.DELIVERED);
  }

  @Test
  void sending_the_same_message_twice_keeps_one_file() throws Exception {
    OutboxTransport outbox = new OutboxTransport(dir);
    outbox.send(TestMessages.simple(8));
    outbox.send(TestMessages.simple(8));

    assertThat(fileNames()).hasSize(1);
  }

  @Test
  void leaves_no_temp_files_behind() throws Exception {
    OutboxTransport outbox = new OutboxTransport(dir);
    for (int i = 0; i < 20; i++) {
      outbox.send(TestMessages.rich(100 + i));
    }

    assertThat(fileNames())
        .hasSize(20)
        .allMatch(name -> name.endsWith(".eml") && !name.startsWith("."));
  }

  @Test
  void file_names_are_safe() {
    assertThat(EmlFileNames.of("<a+b/../c d@ex ample.com>"))
        .isEqualTo("a_b_.._c_d@ex_ample.com.eml");
    String longId = "<" + "x".repeat(400) + "@example.com>";
    assertThat(EmlFileNames.of(longId))
        .hasSizeLessThan(255)
        .isNotEqualTo(EmlFileNames.of("<" + "x".repeat(401) + "@example.com>"));
  }

  @Test
  void io_failure_is_retryable() throws Exception {
    Path target = dir.resolve("outbox");
    OutboxTransport outbox = new OutboxTransport(target);
    Files.delete(target);
    Files.writeString(target, "not a directory any more");

    SendResult result = outbox.send(TestMessages.simple(9));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
  }

  @Test
  void cr_or_lf_in_subject_or_display_name_is_refused() {
    assertThatThrownBy(() -> withSubject("Hi\r\nBcc: victim@example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subject");
    assertThatThrownBy(() -> new Address("sam@example.com", "Sam\nBcc: victim@example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("display name");
  }

  private static OutgoingMessage withSubject(String subject) {
    OutgoingMessage m = TestMessages.simple(10);
    return new OutgoingMessage(
        m.messageId(),
        m.date(),
        m.from(),
        m.to(),
        subject,
        new OutgoingMessage.Body(m.body().text(), null),
        OutgoingMessage.Threading.NONE,
        Map.of());
  }

  private List<String> fileNames() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
