package com.campaignengine.inbound.classify;

import static com.campaignengine.inbound.classify.Mails.eml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryReportsTest {

  private static final String POSTFIX_BOUNDARY = "5A1B2C3D4E.1772702047/mail.acme.example";

  @Test
  void postfix_user_unknown_is_hard_with_the_original_message_id() {
    String b = POSTFIX_BOUNDARY;
    InboundMessage m =
        Mails.parse(
            eml(
                "Return-Path: <>",
                "Date: Thu,  5 Mar 2026 09:14:07 +0000 (UTC)",
                "From: MAILER-DAEMON@mail.acme.example (Mail Delivery System)",
                "Subject: Undelivered Mail Returned to Sender",
                "To: recruiter@acme.example",
                "Auto-Submitted: auto-replied",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status;",
                "\tboundary=\"" + b + "\"",
                "Message-Id: <20260305091407.5A1B2C3D4E@mail.acme.example>",
                "",
                "This is a MIME-encapsulated message.",
                "",
                "--" + b,
                "Content-Description: Notification",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "This is the mail system at host mail.acme.example.",
                "",
                "I'm sorry to have to inform you that your message could not",
                "be delivered to one or more recipients.",
                "",
                "<nobody@example.org>: host mx.example.org[203.0.113.5] said: 550 5.1.1",
                "    <nobody@example.org>: Recipient address rejected: User unknown (in reply",
                "    to RCPT TO command)",
                "",
                "--" + b,
                "Content-Description: Delivery report",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mail.acme.example",
                "X-Postfix-Queue-ID: 5A1B2C3D4E",
                "X-Postfix-Sender: rfc822; recruiter@acme.example",
                "Arrival-Date: Thu,  5 Mar 2026 09:14:05 +0000 (UTC)",
                "",
                "Final-Recipient: rfc822; Nobody@Example.org",
                "Original-Recipient: rfc822;nobody@example.org",
                "Action: failed",
                "Status: 5.1.1",
                "Remote-MTA: dns; mx.example.org",
                "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.org>: Recipient address",
                "    rejected: User unknown",
                "",
                "--" + b,
                "Content-Description: Undelivered Message",
                "Content-Type: message/rfc822",
                "",
                "Return-Path: <recruiter@acme.example>",
                "From: Sam Recruiter <recruiter@acme.example>",
                "To: nobody@example.org",
                "Subject: Senior backend role at Acme",
                "Message-ID: <ce.42.1a2b3c4d@mail.acme.example>",
                "Date: Thu, 5 Mar 2026 09:14:04 +0000",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "Hi, are you open to a new role?",
                "",
                "--" + b + "--"));

    Optional<Bounce> bounce = DeliveryReports.parse(m);

    assertThat(bounce)
        .contains(
            new Bounce(
                "nobody@example.org",
                "5.1.1",
                true,
                "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown",
                Optional.of("<ce.42.1a2b3c4d@mail.acme.example>")));
    AutoReply auto = AutoReplies.detect(m);
    assertThat(auto.automatic()).isTrue();
    assertThat(auto.outOfOffice()).isFalse();
  }

  @Test
  void a_mailbox_full_delay_is_soft() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
                "To: recruiter@acme.example",
                "Subject: Delivery Status Notification (Delay)",
                "In-Reply-To: <ce.43.aabbccdd@mail.acme.example>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; boundary=\"000000000000d3e4f5\";"
                    + " report-type=delivery-status",
                "",
                "--000000000000d3e4f5",
                "Content-Type: text/plain; charset=\"UTF-8\"",
                "",
                "Message not delivered yet. The recipient's inbox is full. Gmail will retry for"
                    + " 46 more hours.",
                "",
                "--000000000000d3e4f5",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; googlemail.com",
                "Arrival-Date: Thu, 05 Mar 2026 01:02:03 -0800 (PST)",
                "",
                "Final-Recipient: rfc822; full.mailbox@example.net",
                "Action: delayed",
                "Status: 4.2.2",
                "Diagnostic-Code: smtp; 452 4.2.2 The email account that you tried to reach is"
                    + " over quota.",
                "Will-Retry-Until: Sat, 07 Mar 2026 01:02:03 -0800 (PST)",
                "",
                "--000000000000d3e4f5",
                "Content-Type: message/rfc822",
                "",
                "Message-ID: <ce.43.aabbccdd@mail.acme.example>",
                "Subject: Senior backend role at Acme",
                "",
                "Hello",
                "--000000000000d3e4f5--"));

    Bounce bounce = DeliveryReports.parse(m).orElseThrow();

    assertThat(bounce.recipient()).isEqualTo("full.mailbox@example.net");
    assertThat(bounce.status()).isEqualTo("4.2.2");
    assertThat(bounce.hard()).isFalse();
    assertThat(bounce.delayed()).as("Gmail still tries: the email may yet arrive").isTrue();
    assertThat(bounce.diagnostic()).startsWith("452 4.2.2 The email account");
    assertThat(bounce.originalMessageId()).contains("<ce.43.aabbccdd@mail.acme.example>");
  }

  @Test
  void a_full_mailbox_the_server_gave_up_on_is_soft_and_not_delayed() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: MAILER-DAEMON@mail.acme.example",
                "To: recruiter@acme.example",
                "Subject: Undelivered Mail Returned to Sender",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"",
                "",
                "--r",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mail.acme.example",
                "",
                "Final-Recipient: rfc822; full.mailbox@example.net",
                "Action: failed",
                "Status: 4.2.2",
                "Diagnostic-Code: smtp; 452 4.2.2 Mailbox full",
                "",
                "--r",
                "Content-Type: text/rfc822-headers",
                "",
                "Message-ID: <ce.46.0f0f0f0f@mail.acme.example>",
                "",
                "--r--"));

    Bounce bounce = DeliveryReports.parse(m).orElseThrow();

    assertThat(bounce.hard()).isFalse();
    assertThat(bounce.delayed()).isFalse();
    assertThat(bounce.status()).isEqualTo("4.2.2");
  }

  @Test
  void a_plain_text_soft_failure_the_server_gave_up_on_is_not_delayed() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: MAILER-DAEMON@mx.example.com",
                "To: recruiter@acme.example",
                "Subject: failure notice",
                "",
                "I'm afraid I wasn't able to deliver your message to the following addresses.",
                "This is a permanent error; I've given up. Sorry it didn't work out.",
                "",
                "<full@example.net>:",
                "Remote host said: 452 4.2.2 Mailbox full",
                "Giving up on 203.0.113.9."));

    Bounce bounce = DeliveryReports.parse(m).orElseThrow();

    assertThat(bounce.status()).isEqualTo("4.2.2");
    assertThat(bounce.hard()).isFalse();
    assertThat(bounce.delayed()).isFalse();
  }

  @Test
  void an_exim_delay_warning_in_plain_text_is_delayed() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: Mail Delivery System <Mailer-Daemon@mx.example.com>",
                "To: recruiter@acme.example",
                "Subject: Warning: message 1vXyZa-000123-AB delayed 24 hours",
                "X-Failed-Recipients: full@example.net",
                "",
                "This message was created automatically by mail delivery software.",
                "A message that you sent has not yet been delivered to one or more of its",
                "recipients after more than 24 hours on the queue on mx.example.com.",
                "",
                "The address to which the message has not yet been delivered is:",
                "",
                "  full@example.net",
                "    host mx.example.net [203.0.113.7]",
                "    SMTP error from remote mail server after RCPT TO:<full@example.net>:",
                "    452 4.2.2 Mailbox full",
                "",
                "No action is required on your part. Delivery attempts will continue for",
                "some time, and this warning may be repeated at intervals if the message",
                "remains undelivered."));

    Bounce bounce = DeliveryReports.parse(m).orElseThrow();

    assertThat(bounce.status()).isEqualTo("4.2.2");
    assertThat(bounce.hard()).isFalse();
    assertThat(bounce.delayed()).isTrue();
  }

  @Test
  void exchange_report_with_rfc822_headers_part() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: postmaster@fabrikam.example",
                "To: recruiter@acme.example",
                "Subject: Undeliverable: Senior backend role at Acme",
                "Content-Type: multipart/report; report-type=delivery-status;",
                " boundary=\"_b3_\"",
                "",
                "--_b3_",
                "Content-Type: text/plain",
                "",
                "Delivery has failed to these recipients or groups.",
                "--_b3_",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns;AM0PR01MB1234.eurprd01.prod.outlook.com",
                "",
                "Final-Recipient: rfc822;someone.else@fabrikam.example",
                "Action: delivered",
                "Status: 2.0.0",
                "",
                "Final-Recipient: rfc822;left.company@fabrikam.example",
                "Action: failed",
                "Status: 5.1.10",
                "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not"
                    + " found by SMTP address lookup",
                "",
                "--_b3_",
                "Content-Type: text/rfc822-headers",
                "",
                "From: Sam Recruiter <recruiter@acme.example>",
                "Message-ID:",
                " <ce.44.0badf00d@mail.acme.example>",
                "Subject: Senior backend role at Acme",
                "",
                "--_b3_--"));

    Bounce bounce = DeliveryReports.parse(m).orElseThrow();

    assertThat(bounce.recipient()).isEqualTo("left.company@fabrikam.example");
    assertThat(bounce.status()).isEqualTo("5.1.10");
    assertThat(bounce.hard()).isTrue();
    assertThat(bounce.originalMessageId()).contains("<ce.44.0badf00d@mail.acme.example>");
  }

  @Test
  void a_report_of_successful_delivery_is_no_bounce() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: MAILER-DAEMON@mail.example",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=x",
                "",
                "--x",
                "Content-Type: text/plain",
                "",
                "Your message was delivered. 250 2.0.0 OK",
                "--x",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mail.example",
                "",
                "Final-Recipient: rfc822; a@example.com",
                "Action: delivered",
                "Status: 2.0.0",
                "--x--"));

    assertThat(DeliveryReports.parse(m)).isEmpty();
  }

  @Test
  void a_qmail_text_bounce_from_mailer_daemon() {
    InboundMessage m =
        Mails.parse(
            eml(
                "Return-Path: <>",
                "From: MAILER-DAEMON@mx.example.com",
                "To: recruiter@acme.example",
                "Subject: failure notice",
                "",
                "Hi. This is the qmail-send program at mx.example.com.",
                "I'm afraid I wasn't able to deliver your message to the following addresses.",
                "This is a permanent error; I've given up. Sorry it didn't work out.",
                "",
                "<ghost@example.com>:",
                "203.0.113.9 does not like recipient.",
                "Remote host said: 550 5.1.1 <Ghost@example.com>... User unknown",
                "Giving up on 203.0.113.9.",
                "",
                "--- Below this line is a copy of the message.",
                "",
                "Return-Path: <recruiter@acme.example>",
                "Message-ID: <ce.45.12345678@mail.acme.example>",
                "Subject: Senior backend role at Acme",
                "",
                "Hi, are you open to a new role?"));

    assertThat(DeliveryReports.parse(m))
        .contains(
            new Bounce(
                "ghost@example.com",
                "5.1.1",
                true,
                "Remote host said: 550 5.1.1 <Ghost@example.com>... User unknown",
                Optional.of("<ce.45.12345678@mail.acme.example>")));
  }

  @Test
  void a_basic_reply_code_gives_a_class_only_status() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: postmaster@old-host.example",
                "X-Failed-Recipients: gone@old-host.example",
                "Subject: Returned mail",
                "",
                "The following message could not be delivered.",
                "554 Transaction failed: mailbox disabled"));

    Bounce bounce = DeliveryReports.parse(m).orElseThrow();

    assertThat(bounce.recipient()).isEqualTo("gone@old-host.example");
    assertThat(bounce.status()).isEqualTo("5.0.0");
    assertThat(bounce.hard()).isTrue();
  }

  @Test
  void a_person_quoting_an_error_is_no_bounce() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: jane@example.com",
                "Subject: Re: your email",
                "",
                "My colleague's address gave 550 5.1.1 User unknown, try mine instead."));

    assertThat(DeliveryReports.parse(m)).isEmpty();
  }

  @Test
  void a_daemon_message_without_a_status_code_is_no_bounce() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: MAILER-DAEMON@mail.example",
                "Subject: Warning",
                "",
                "Your mailbox is almost full."));

    assertThat(DeliveryReports.parse(m)).isEmpty();
  }

  @Test
  void broken_multiparts_give_empty_without_throwing() {
    InboundMessage noBoundary =
        Mails.parse(
            eml(
                "From: MAILER-DAEMON@mail.example",
                "Subject: Undelivered Mail Returned to Sender",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"gone\"",
                "",
                "Delivery failed, see the attached report."));
    InboundMessage badBase64 =
        Mails.parse(
            eml(
                "From: MAILER-DAEMON@mail.example",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=b",
                "",
                "--b",
                "Content-Type: message/delivery-status",
                "Content-Transfer-Encoding: base64",
                "",
                "!!!! not base64 at all ####",
                "--b"));

    assertThat(DeliveryReports.parse(noBoundary)).isEmpty();
    assertThat(DeliveryReports.parse(badBase64)).isEmpty();
  }

  @Test
  void a_message_without_raw_is_read_from_its_text() {
    InboundMessage m =
        new InboundMessage(
            "webhook:1",
            null,
            null,
            null,
            "mailer-daemon@mx.example",
            "Undeliverable",
            Mails.RECEIVED,
            null,
            "550-5.7.1 <x@example.org> rejected by policy",
            null);

    Bounce bounce = DeliveryReports.parse(m).orElseThrow();

    assertThat(bounce.status()).isEqualTo("5.7.1");
    assertThat(bounce.recipient()).isEqualTo("x@example.org");
    assertThat(bounce.originalMessageId()).isEmpty();
  }

  @Test
  void rejects_null() {
    assertThatThrownBy(() -> DeliveryReports.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
