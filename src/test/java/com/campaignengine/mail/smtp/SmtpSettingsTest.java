package com.campaignengine.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings;
import com.campaignengine.mailbox.SmtpSettings.Security;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

  @Test
  void defaults_timeouts_and_trusts_no_strangers() {
    SmtpSettings s =
        new SmtpSettings("smtp.example.com", 587, "u", "pw", Security.STARTTLS, null, null);

    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.trustAllCertificates()).isFalse();
    assertThat(s.authenticates()).isTrue();
  }

  @Test
  void rejects_invalid_values() {
    assertThatThrownBy(() -> new SmtpSettings(" ", 25, null, null, Security.NONE, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SmtpSettings("h", 0, null, null, Security.NONE, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SmtpSettings("h", 65_536, null, null, Security.NONE, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SmtpSettings("h", 25, "u", null, Security.NONE, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SmtpSettings("h", 25, null, null, Security.NONE, Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SmtpSettings("h", 25, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImapSettings("h", 993, null, "pw", Security.TLS, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void to_string_redacts_passwords() {
    SmtpSettings smtp = new SmtpSettings("h", 465, "u", "hunter2", Security.TLS, null, null);
    ImapSettings imap = new ImapSettings("h", 993, "u", "hunter2", Security.TLS, null);

    assertThat(smtp.toString()).doesNotContain("hunter2").contains("password=***", "host=h");
    assertThat(imap.toString()).doesNotContain("hunter2").contains("password=***", "port=993");
  }

  @Test
  void imap_defaults_expect_provider_copies_without_appending() {
    ImapSettings imap = new ImapSettings("h", 993, "u", "pw", Security.TLS, " ");

    assertThat(imap.sentFolder()).isNull();
    assertThat(imap.sentFolderHasCopies()).isTrue();
    assertThat(imap.appendToSent()).isFalse();
    assertThat(imap.withSentFolderHasCopies(false).sentCopiesExpected()).isFalse();
    assertThat(imap.withSentFolderHasCopies(false).withAppendToSent(true).sentCopiesExpected())
        .isTrue();
  }
}
