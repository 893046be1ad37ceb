package com.campaignengine.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.Delivery;
import com.campaignengine.mail.MessageIds;
import com.campaignengine.mail.OutgoingMessage;
import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.TestMessages;
import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings;
import com.campaignengine.mailbox.SmtpSettings.Security;
import com.campaignengine.testing.MailServer;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP transport against GreenMail (SMTP, SMTPS, IMAP) and against misbehaving servers. */
class SmtpTransportTest {

  @RegisterExtension
  static final MailServer GREEN_MAIL =
      SmtpTestServers.greenMail(ServerSetupTest.SMTP, ServerSetupTest.SMTPS, ServerSetupTest.IMAP);

  private SmtpTransport transport;

  @AfterEach
  void closeTransport() {
    if (transport != null) {
      transport.close();
    }
  }

  private SmtpTransport transport(SmtpSettings smtp, ImapSettings imap) {
    transport = new SmtpTransport(smtp, imap);
    return transport;
  }

  private SmtpTransport plain() {
    return transport(SmtpTestServers.smtp(GREEN_MAIL.getSmtp()), null);
  }

  private static MimeMessage received(int expectedCount) {
    assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, expectedCount)).isTrue();
    MimeMessage[] messages = GREEN_MAIL.getReceivedMessages();
    assertThat(messages).hasSize(expectedCount);
    return messages[expectedCount - 1];
  }

  @Test
  void delivers_our_message_id_display_name_and_encoded_subject() throws Exception {
    OutgoingMessage message = TestMessages.rich(42);

    SendResult result = plain().send(message);

    assertThat(result).isInstanceOf(SendResult.Sent.class);
    assertThat(((SendResult.Sent) result).providerMessageId()).startsWith("250");
    MimeMessage got = received(1);
    assertThat(got.getMessageID()).isEqualTo(message.messageId());
    InternetAddress from = (InternetAddress) got.getFrom()[0];
    assertThat(from.getPersonal()).isEqualTo("Zoë Müller");
    assertThat(from.getAddress()).isEqualTo("zoe@example.com");
    assertThat(got.getHeader("Subject", null)).startsWith("=?UTF-8?");
    assertThat(got.getSubject()).isEqualTo("Grüße aus Köln, Zoë");
    assertThat(got.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("Ada Lovelace <ada@example.org>");
  }

  @Test
  void wrong_password_is_an_auth_failure() {
    SmtpTransport t =
        transport(SmtpTestServers.smtp(GREEN_MAIL.getSmtp(), "wrong", Security.NONE), null);

    SendResult result = t.send(TestMessages.simple(1));

    assertThat(result).isInstanceOf(SendResult.AuthFailure.class);
    assertThat(((SendResult.AuthFailure) result).reason()).contains("535");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    assertThat(t.verify()).hasValueSatisfying(error -> assertThat(error).contains("535"));
  }

  @Test
  void verify_is_empty_for_good_settings() {
    SmtpTransport t =
        transport(
            SmtpTestServers.smtp(GREEN_MAIL.getSmtp()), SmtpTestServers.imap(GREEN_MAIL.getImap()));

    assertThat(t.verify()).isEmpty();
    assertThat(t.connectionsOpened()).as("verify uses its own connection").isZero();
  }

  @Test
  void sends_over_implicit_tls() throws Exception {
    SmtpTransport t =
        transport(
            SmtpTestServers.smtp(GREEN_MAIL.getSmtps(), SmtpTestServers.PASSWORD, Security.TLS),
            null);

    assertThat(t.send(TestMessages.simple(2)).isSent()).isTrue();
    assertThat(received(1).getSubject()).isEqualTo("Hello 2");
  }

  /**
   * GreenMail does not offer STARTTLS, so a successful upgrade cannot be tested here; what can be
   * tested is that the transport refuses to fall back to plain text.
   */
  @Test
  void start_tls_is_required_rather_than_opportunistic() {
    SmtpTransport t =
        transport(
            SmtpTestServers.smtp(GREEN_MAIL.getSmtp(), SmtpTestServers.PASSWORD, Security.STARTTLS),
            null);

    SendResult result = t.send(TestMessages.simple(3));

    assertThat(result).isInstanceOf(SendResult.AuthFailure.class);
    assertThat(((SendResult.AuthFailure) result).reason()).contains("STARTTLS");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void reuses_one_connection_for_consecutive_sends() {
    SmtpTransport t = plain();

    for (int i = 0; i < 20; i++) {
      assertThat(t.send(TestMessages.simple(100 + i)).isSent()).isTrue();
    }

    assertThat(t.connectionsOpened()).isEqualTo(1);
    received(20);
  }

  @Test
  void reconnects_after_close() {
    SmtpTransport t = plain();
    t.send(TestMessages.simple(1));
    t.close();

    assertThat(t.send(TestMessages.simple(2)).isSent()).isTrue();
    assertThat(t.connectionsOpened()).isEqualTo(2);
  }

  @Test
  void server_that_is_down_is_retryable() {
    SmtpSettings down =
        new SmtpSettings(
            "127.0.0.1", SmtpTestServers.closedPort(), null, null, Security.NONE, null, null);

    SendResult result = transport(down, null).send(TestMessages.simple(1));

    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
  }

  @Test
  void server_stopped_between_sends_is_retryable() {
    SmtpTransport t = plain();
    assertThat(t.send(TestMessages.simple(1)).isSent()).isTrue();
    GREEN_MAIL.stop();

    assertThat(t.send(TestMessages.simple(2))).isInstanceOf(SendResult.RetryableFailure.class);
  }

  @Test
  void server_that_never_answers_is_cut_off_after_the_read_timeout() throws IOException {
    // The backlog completes the TCP handshake without accept(); nobody ever writes a greeting.
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      SmtpSettings settings =
          new SmtpSettings(
              "127.0.0.1",
              silent.getLocalPort(),
              null,
              null,
              Security.NONE,
              Duration.ofSeconds(1),
              Duration.ofSeconds(1));
      long start = System.nanoTime();

      SendResult result = transport(settings, null).send(TestMessages.simple(1));

      assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
      assertThat(((SendResult.RetryableFailure) result).reason()).contains("timed out");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void lookup_finds_messages_filed_in_the_sent_folder() {
    SmtpTransport t =
        transport(
            SmtpTestServers.smtp(GREEN_MAIL.getSmtp()), SmtpTestServers.imap(GREEN_MAIL.getImap()));
    OutgoingMessage message = TestMessages.simple(7);
    assertThat(t.send(message).isSent()).isTrue();

    assertThat(t.lookup(message.messageId())).isEqualTo(Delivery.DELIVERED);
    assertThat(t.lookup(MessageIds.forSend(8, "mail.example.com")))
        .isEqualTo(Delivery.NOT_DELIVERED);
  }

  @Test
  void lookup_all_answers_a_whole_batch_at_once() {
    SmtpTransport t =
        transport(
            SmtpTestServers.smtp(GREEN_MAIL.getSmtp()), SmtpTestServers.imap(GREEN_MAIL.getImap()));
    java.util.List<String> ids = new java.util.ArrayList<>();
    java.util.Set<String> sent = new java.util.HashSet<>();
    for (int i = 0; i < 230; i++) {
      OutgoingMessage message = TestMessages.simple(1_000 + i);
      ids.add(message.messageId());
      if (i % 3 == 0) {
        assertThat(t.send(message).isSent()).isTrue();
        sent.add(message.messageId());
      }
    }

    java.util.Map<String, Delivery> answers = t.lookupAll(ids);

    assertThat(answers).hasSize(230);
    ids.forEach(
        id ->
            assertThat(answers.get(id))
                .as(id)
                .isEqualTo(sent.contains(id) ? Delivery.DELIVERED : Delivery.NOT_DELIVERED));
  }

  @Test
  void lookup_after_restart_uses_the_discovered_sent_folder() {
    OutgoingMessage message = TestMessages.simple(9);
    try (SmtpTransport before =
        new SmtpTransport(
            SmtpTestServers.smtp(GREEN_MAIL.getSmtp()),
            SmtpTestServers.imap(GREEN_MAIL.getImap()))) {
      before.send(message);
    }
    ImapSettings readOnly = SmtpTestServers.imap(GREEN_MAIL.getImap()).withAppendToSent(false);

    SmtpTransport after = transport(SmtpTestServers.smtp(GREEN_MAIL.getSmtp()), readOnly);

    assertThat(after.lookup(message.messageId())).isEqualTo(Delivery.DELIVERED);
  }

  @Test
  void lookup_without_copies_in_the_sent_folder_never_claims_not_delivered() {
    OutgoingMessage message = TestMessages.simple(10);
    try (SmtpTransport filing =
        new SmtpTransport(
            SmtpTestServers.smtp(GREEN_MAIL.getSmtp()),
            SmtpTestServers.imap(GREEN_MAIL.getImap()))) {
      filing.send(message);
    }
    ImapSettings noCopies =
        SmtpTestServers.imap(GREEN_MAIL.getImap())
            .withAppendToSent(false)
            .withSentFolderHasCopies(false);

    SmtpTransport t = transport(SmtpTestServers.smtp(GREEN_MAIL.getSmtp()), noCopies);

    assertThat(t.lookup(message.messageId())).isEqualTo(Delivery.DELIVERED);
    assertThat(t.lookup(MessageIds.forSend(11, "mail.example.com"))).isEqualTo(Delivery.UNKNOWN);
  }

  @Test
  void lookup_is_unknown_without_imap_or_when_imap_is_down() {
    ImapSettings down =
        new ImapSettings(
            "127.0.0.1",
            SmtpTestServers.closedPort(),
            SmtpTestServers.LOGIN,
            SmtpTestServers.PASSWORD,
            Security.NONE,
            "Sent");
    SmtpTransport t = transport(SmtpTestServers.smtp(GREEN_MAIL.getSmtp()), down);
    OutgoingMessage message = TestMessages.simple(12);
    assertThat(t.send(message).isSent()).isTrue();

    assertThat(t.lookup(message.messageId())).isEqualTo(Delivery.UNKNOWN);
    assertThat(plain().lookup(message.messageId())).isEqualTo(Delivery.UNKNOWN);
  }

  @Test
  void lookup_is_unknown_when_the_sent_folder_does_not_exist() {
    SmtpTransport t =
        transport(
            SmtpTestServers.smtp(GREEN_MAIL.getSmtp()),
            SmtpTestServers.imap(GREEN_MAIL.getImap()).withAppendToSent(false));

    assertThat(t.lookup(TestMessages.simple(13).messageId())).isEqualTo(Delivery.UNKNOWN);
  }

  @Test
  void name_is_smtp() {
    assertThat(plain().name()).isEqualTo("smtp");
  }
}
