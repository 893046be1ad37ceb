package com.campaignengine.mail.smtp;

import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings;
import com.campaignengine.mailbox.SmtpSettings.Security;
import java.time.Duration;
import java.util.Properties;

/** Translates our settings into jakarta.mail session properties. Stateless. */
final class MailProperties {

  private MailProperties() {}

  /** SMTP, and IMAP when {@code imap} is not {@code null}, in one property set. */
  static Properties of(SmtpSettings smtp, ImapSettings imap) {
    Properties p = new Properties();
    String connect = millis(smtp.connectTimeout());
    String read = millis(smtp.readTimeout());
    p.setProperty("mail.smtp.connectiontimeout", connect);
    p.setProperty("mail.smtp.timeout", read);
    // Without a write timeout a server that stops reading mid-DATA blocks the sender forever.
    p.setProperty("mail.smtp.writetimeout", read);
    // close() must not wait for the reply to QUIT from a server that may be the reason we close.
    p.setProperty("mail.smtp.quitwait", "false");
    p.setProperty("mail.smtp.auth", String.valueOf(smtp.authenticates()));
    security(p, "smtp", smtp.security(), smtp.trustAllCertificates());
    if (imap != null) {
      p.setProperty("mail.imap.connectiontimeout", connect);
      p.setProperty("mail.imap.timeout", read);
      security(p, "imap", imap.security(), imap.trustAllCertificates());
    }
    return p;
  }

  private static void security(Properties p, String protocol, Security security, boolean trustAll) {
    String prefix = "mail." + protocol + ".";
    switch (security) {
      case NONE -> {
        return;
      }
      case STARTTLS -> {
        p.setProperty(prefix + "starttls.enable", "true");
        // Without "required" jakarta.mail silently continues in plain text if STARTTLS is missing.
        p.setProperty(prefix + "starttls.required", "true");
      }
      case TLS -> p.setProperty(prefix + "ssl.enable", "true");
    }
    // Set explicitly rather than relying on the provider's default, which changed over versions.
    p.setProperty(prefix + "ssl.checkserveridentity", String.valueOf(!trustAll));
    if (trustAll) {
      p.setProperty(prefix + "ssl.trust", "*");
    }
  }

  private static String millis(Duration d) {
    return Long.toString(d.toMillis());
  }
}
