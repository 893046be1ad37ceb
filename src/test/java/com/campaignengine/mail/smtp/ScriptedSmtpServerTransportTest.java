package com.campaignengine.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.SendResult;
import com.campaignengine.mail.TestMessages;
import com.campaignengine.mailbox.SmtpSettings;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replies as real providers send them, over the wire, so the classification sees the exception
 * shapes Angus really produces (e.g. a RCPT rejection nested in a plain SendFailedException).
 */
class ScriptedSmtpServerTransportTest {

  private ScriptedSmtpServer server;
  private SmtpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedSmtpServer();
    transport = new SmtpTransport(server.settings(), null);
  }

  @AfterEach
  void stop() throws IOException {
    transport.close();
    server.close();
  }

  @Test
  void provider_message_id_is_the_reply_to_data() {
    server.reply("DATA", "250 2.0.0 Ok: queued as 4VXYZ12");

    SendResult result = transport.send(TestMessages.simple(1));

    assertThat(result).isEqualTo(new SendResult.Sent("250 2.0.0 Ok: queued as 4VXYZ12"));
  }

  @Test
  void rejected_recipient_is_permanent_and_keeps_the_connection() {
    server.reply("RCPT", "550 5.1.1 <ada@example.org>: Recipient address rejected");

    SendResult rejected = transport.send(TestMessages.simple(1));
    SendResult next = transport.send(TestMessages.simple(2));

    assertThat(rejected)
        .isEqualTo(
            new SendResult.PermanentFailure(
                "550 5.1.1 <ada@example.org>: Recipient address rejected"));
    assertThat(next.isSent()).isTrue();
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void temporary_failure_is_retryable_and_reconnects() {
    server.reply("MAIL", "451 4.3.0 Temporary lookup failure");

    SendResult failed = transport.send(TestMessages.simple(1));
    SendResult next = transport.send(TestMessages.simple(2));

    assertThat(failed)
        .isEqualTo(new SendResult.RetryableFailure("451 4.3.0 Temporary lookup failure", null));
    assertThat(next.isSent()).isTrue();
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void daily_quota_at_data_rate_limits_the_mailbox() {
    server.reply(
        "DATA",
        "550-5.4.5 Daily user sending limit exceeded. For more information\r\n"
            + "550 5.4.5 see https://support.google.com/a/answer/166852 - gsmtp");

    SendResult result = transport.send(TestMessages.simple(1));

    assertThat(result).isInstanceOf(SendResult.RateLimited.class);
    SendResult.RateLimited limited = (SendResult.RateLimited) result;
    assertThat(limited.resetAfter()).isEqualTo(Duration.ofHours(24));
    assertThat(limited.reason())
        .isEqualTo(
            "550-5.4.5 Daily user sending limit exceeded. For more information"
                + " see https://support.google.com/a/answer/166852 - gsmtp");
  }

  @Test
  void start_tls_upgrades_the_connection_before_sending() {
    server.offerStartTls();
    transport.close();
    transport = new SmtpTransport(server.settings(SmtpSettings.Security.STARTTLS), null);

    assertThat(transport.send(TestMessages.simple(1)).isSent()).isTrue();
    assertThat(server.messagesAcceptedOverTls()).isEqualTo(1);
  }

  @Test
  void connection_dropped_by_the_server_is_replaced_before_the_next_send() {
    server.dropAfterEachMessage();

    for (int i = 0; i < 3; i++) {
      assertThat(transport.send(TestMessages.simple(i)).isSent()).isTrue();
    }

    assertThat(server.messagesAccepted()).isEqualTo(3);
    assertThat(transport.connectionsOpened()).isEqualTo(3);
  }
}
