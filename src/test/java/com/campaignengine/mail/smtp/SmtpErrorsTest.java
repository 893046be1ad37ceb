package com.campaignengine.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.SendResult;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/** One test per classification rule, with exceptions shaped as Angus throws them. */
class SmtpErrorsTest {

  private static final Address[] NONE = new Address[0];

  /** As thrown when DATA, MAIL or the final dot is answered with {@code reply}. */
  private static SMTPSendFailedException sendFailed(String command, String reply) {
    int code = Integer.parseInt(reply.substring(0, 3));
    return new SMTPSendFailedException(command, code, reply, null, NONE, NONE, NONE);
  }

  /** As thrown when RCPT is answered with {@code reply}: nested in a plain SendFailedException. */
  private static SendFailedException recipientFailed(String reply) throws AddressException {
    int code = Integer.parseInt(reply.substring(0, 3));
    SMTPAddressFailedException address =
        new SMTPAddressFailedException(
            new InternetAddress("ada@example.org"), "RCPT TO:<ada@example.org>", code, reply);
    return new SendFailedException("Invalid Addresses", address, NONE, NONE, NONE);
  }

  private static SendResult retryable(String reason) {
    return new SendResult.RetryableFailure(reason, null);
  }

  @Test
  void code421_is_retryable() {
    String reply = "421 4.3.2 Service not available, closing transmission channel";
    assertThat(SmtpErrors.classify(sendFailed("MAIL FROM:<s@x>", reply)))
        .isEqualTo(retryable(reply));
  }

  @Test
  void code450_at_rcpt_is_retryable() throws Exception {
    String reply = "450 4.2.0 <ada@example.org>: Recipient address rejected: Greylisted";
    assertThat(SmtpErrors.classify(recipientFailed(reply))).isEqualTo(retryable(reply));
  }

  @Test
  void code451_is_retryable() {
    String reply = "451 4.3.0 Error: queue file write error";
    assertThat(SmtpErrors.classify(sendFailed(".", reply))).isEqualTo(retryable(reply));
  }

  @Test
  void code452_is_retryable() throws Exception {
    String reply = "452 4.5.3 Too many recipients";
    assertThat(SmtpErrors.classify(recipientFailed(reply))).isEqualTo(retryable(reply));
  }

  @Test
  void other4xx_is_retryable() {
    String reply = "454 4.7.0 TLS not available due to local problem";
    assertThat(SmtpErrors.classify(sendFailed("MAIL FROM:<s@x>", reply)))
        .isEqualTo(retryable(reply));
  }

  @Test
  void recipient_mailbox_over_quota_is_retryable_not_rate_limited() throws Exception {
    String full = "452 4.2.2 The email account that you tried to reach is over quota";
    String full552 = "552 5.2.2 Mailbox full";
    String bare552 = "552 Requested mail action aborted: exceeded storage allocation";
    assertThat(SmtpErrors.classify(recipientFailed(full))).isEqualTo(retryable(full));
    assertThat(SmtpErrors.classify(recipientFailed(full552))).isEqualTo(retryable(full552));
    assertThat(SmtpErrors.classify(sendFailed(".", bare552))).isEqualTo(retryable(bare552));
  }

  @Test
  void code552_for_size_or_policy_is_permanent() {
    String tooBig = "552 5.3.4 Message size exceeds fixed limit";
    String policy = "552 5.7.0 This message was blocked because its content presents a risk";
    assertThat(SmtpErrors.classify(sendFailed(".", tooBig)))
        .isEqualTo(new SendResult.PermanentFailure(tooBig));
    assertThat(SmtpErrors.classify(sendFailed(".", policy)))
        .isEqualTo(new SendResult.PermanentFailure(policy));
  }

  @Test
  void code535_is_auth_failure() {
    String reply = "535 5.7.8 Username and Password not accepted";
    assertThat(SmtpErrors.classify(new AuthenticationFailedException(reply)))
        .isEqualTo(new SendResult.AuthFailure(reply));
  }

  @Test
  void code534_is_auth_failure() {
    String reply = "534 5.7.9 Application-specific password required";
    assertThat(SmtpErrors.classify(new AuthenticationFailedException(reply)))
        .isEqualTo(new SendResult.AuthFailure(reply));
  }

  @Test
  void code530_outside_auth_is_auth_failure() {
    String reply = "530 5.7.0 Authentication Required";
    assertThat(SmtpErrors.classify(sendFailed("MAIL FROM:<s@x>", reply)))
        .isEqualTo(new SendResult.AuthFailure(reply));
  }

  @Test
  void auth_failure_without_reply_is_auth_failure() {
    assertThat(SmtpErrors.classify(new AuthenticationFailedException()))
        .isEqualTo(new SendResult.AuthFailure("authentication failed"));
  }

  @Test
  void temporary_auth_failure_is_retryable() {
    String reply = "454 4.7.0 Temporary authentication failure";
    assertThat(SmtpErrors.classify(new AuthenticationFailedException(reply)))
        .isEqualTo(retryable(reply));
  }

  @Test
  void code550_recipient_is_permanent() throws Exception {
    String reply = "550 5.1.1 The email account that you tried to reach does not exist";
    assertThat(SmtpErrors.classify(recipientFailed(reply)))
        .isEqualTo(new SendResult.PermanentFailure(reply));
  }

  @Test
  void code551_is_permanent() throws Exception {
    String reply = "551 5.1.6 User not local";
    assertThat(SmtpErrors.classify(recipientFailed(reply)))
        .isEqualTo(new SendResult.PermanentFailure(reply));
  }

  @Test
  void code553_is_permanent() throws Exception {
    String reply = "553 5.1.3 Mailbox name not allowed";
    assertThat(SmtpErrors.classify(recipientFailed(reply)))
        .isEqualTo(new SendResult.PermanentFailure(reply));
  }

  @Test
  void code554_at_data_is_permanent() {
    String reply = "554 5.7.1 Message rejected as spam";
    assertThat(SmtpErrors.classify(sendFailed(".", reply)))
        .isEqualTo(new SendResult.PermanentFailure(reply));
  }

  @Test
  void sender_rejected_is_permanent() throws Exception {
    String reply = "553 5.7.1 Sender address rejected: not owned by user";
    SMTPSendFailedException mail = sendFailed("MAIL FROM:<s@x>", reply);
    mail.setNextException(
        new SMTPSenderFailedException(new InternetAddress("s@x"), "MAIL", 553, reply));
    assertThat(SmtpErrors.classify(mail)).isEqualTo(new SendResult.PermanentFailure(reply));
  }

  @Test
  void other5xx_is_permanent() {
    String reply = "500 5.5.2 Syntax error";
    assertThat(SmtpErrors.classify(sendFailed(".", reply)))
        .isEqualTo(new SendResult.PermanentFailure(reply));
  }

  @Test
  void gmail_daily_quota_is_rate_limited_for_a_day() {
    String reply = "550 5.4.5 Daily user sending quota exceeded. - gsmtp";
    assertThat(SmtpErrors.classify(sendFailed(".", reply)))
        .isEqualTo(new SendResult.RateLimited(reply, Duration.ofHours(24)));
  }

  @Test
  void daily_quota_is_recognised_by_text() {
    String ses = "454 Throttling failure: Daily message quota exceeded.";
    String outlook =
        "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed";
    String gmail421 = "421 4.7.0 Daily sending limit reached, try again tomorrow";
    for (String reply : new String[] {ses, outlook, gmail421}) {
      assertThat(SmtpErrors.classify(sendFailed(".", reply)))
          .isEqualTo(new SendResult.RateLimited(reply, Duration.ofHours(24)));
    }
  }

  @Test
  void gmail_rate_limit_is_rate_limited_for_an_hour() {
    String reply =
        "421-4.7.28 Our system has detected an unusual rate of unsolicited mail\n"
            + "421 4.7.28 originating from your IP address. - gsmtp\n";
    assertThat(SmtpErrors.classify(sendFailed(".", reply)))
        .isEqualTo(
            new SendResult.RateLimited(
                "421-4.7.28 Our system has detected an unusual rate of unsolicited mail"
                    + " originating from your IP address. - gsmtp",
                Duration.ofHours(1)));
  }

  @Test
  void rate_limit_is_recognised_by_text() {
    String reply = "421 4.7.0 Rate limited, please slow down";
    String ses = "454 Throttling failure: Maximum sending rate exceeded.";
    assertThat(SmtpErrors.classify(sendFailed("MAIL FROM:<s@x>", reply)))
        .isEqualTo(new SendResult.RateLimited(reply, Duration.ofHours(1)));
    assertThat(SmtpErrors.classify(sendFailed("MAIL FROM:<s@x>", ses)))
        .isEqualTo(new SendResult.RateLimited(ses, Duration.ofHours(1)));
  }

  @Test
  void connection_refused_is_retryable() {
    MessagingException e =
        new MailConnectException(
            new SocketConnectException(
                "Connection refused", new ConnectException("Connection refused"), "h", 25, 10));
    assertThat(SmtpErrors.classify(e)).isInstanceOf(SendResult.RetryableFailure.class);
  }

  @Test
  void connection_reset_is_retryable() {
    MessagingException e =
        new MessagingException(
            "Can't send command to SMTP host", new SocketException("Connection reset"));
    SendResult result = SmtpErrors.classify(e);
    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).reason()).contains("Connection reset");
  }

  @Test
  void read_timeout_is_retryable() {
    MessagingException e =
        new MessagingException(
            "Exception reading response", new SocketTimeoutException("Read timed out"));
    SendResult result = SmtpErrors.classify(e);
    assertThat(result).isInstanceOf(SendResult.RetryableFailure.class);
    assertThat(((SendResult.RetryableFailure) result).reason())
        .isEqualTo(
            "SMTP connection problem: Exception reading response"
                + " (SocketTimeoutException: Read timed out)");
  }

  @Test
  void connection_closed_mid_conversation_is_retryable() {
    SMTPSendFailedException eof =
        new SMTPSendFailedException("MAIL FROM:<s@x>", -1, "[EOF]", null, NONE, NONE, NONE);
    assertThat(SmtpErrors.classify(eof))
        .isEqualTo(retryable("SMTP server closed the connection: [EOF]"));
  }

  @Test
  void missing_start_tls_is_auth_failure() {
    MessagingException e =
        new MessagingException("STARTTLS is required but host does not support STARTTLS");
    assertThat(SmtpErrors.classify(e)).isInstanceOf(SendResult.AuthFailure.class);
  }

  @Test
  void rejected_certificate_is_auth_failure() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(new CertificateException("unable to find valid certification path"));
    MessagingException e = new MessagingException("Could not connect to SMTP host", handshake);
    assertThat(SmtpErrors.classify(e)).isInstanceOf(SendResult.AuthFailure.class);
  }

  @Test
  void malformed_address_is_permanent() {
    assertThat(SmtpErrors.classify(new AddressException("Illegal address", "a@@b")))
        .isInstanceOf(SendResult.PermanentFailure.class);
  }

  @Test
  void unknown_failure_is_retryable() {
    assertThat(SmtpErrors.classify(new MessagingException("something odd")))
        .isEqualTo(retryable("unexpected SMTP failure: MessagingException: something odd"));
  }

  @Test
  void permanent_rejection_of_the_session_pauses_the_sender() {
    MessagingException greeting =
        new MessagingException(
            "Got bad greeting from SMTP host: h, port: 25, response: 554 5.7.1 IP blocklisted");
    assertThat(SmtpErrors.classifyConnect(greeting))
        .isEqualTo(
            new SendResult.AuthFailure(
                "SMTP server refused the session: 554 5.7.1 IP blocklisted"));
  }

  @Test
  void temporary_rejection_of_the_session_is_retryable() {
    MessagingException greeting =
        new MessagingException(
            "Got bad greeting from SMTP host: h, port: 25, response: 421 Too many connections");
    assertThat(SmtpErrors.classifyConnect(greeting))
        .isEqualTo(retryable("421 Too many connections"));
  }
}
