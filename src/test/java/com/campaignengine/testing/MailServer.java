package com.campaignengine.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The tests' mail provider: GreenMail, fresh for each test on free ports (other builds on this
 * machine may run GreenMail too), with one user whose mailbox the engine sends from and reads
 * replies in. Register it with {@code @RegisterExtension static final MailServer MAIL = ...}.
 */
public final class MailServer extends GreenMailExtension {
  public static final String PASSWORD = "secret";

  private final String email;
  private final String login;

  private MailServer(String email, String login, ServerSetup[] protocols) {
    super(ServerSetup.dynamicPort(protocols));
    this.email = email;
    this.login = login;
    withConfiguration(GreenMailConfiguration.aConfig().withUser(email, login, PASSWORD));
  }

  /** SMTP and IMAP, with one user. */
  public static MailServer withUser(String email, String login) {
    return withUser(email, login, ServerSetupTest.SMTP, ServerSetupTest.IMAP);
  }

  /** These protocols ({@link ServerSetupTest}), with one user. */
  public static MailServer withUser(String email, String login, ServerSetup... protocols) {
    return new MailServer(email, login, protocols);
  }

  public String email() {
    return email;
  }

  public String login() {
    return login;
  }

  /**
   * An SMTP mailbox of the user on this server, plain text on 127.0.0.1, with the right password;
   * with IMAP too when this server speaks it, so replies are read from the user's inbox.
   */
  public Mailboxes.MailboxBuilder mailbox() {
    Mailboxes.MailboxBuilder mailbox =
        Mailboxes.anSmtpMailbox(email)
            .with("smtp", section(getSmtp().getPort()))
            .secret("smtp.password", PASSWORD);
    if (getImap() != null) {
      mailbox.with("imap", section(getImap().getPort())).secret("imap.password", PASSWORD);
    }
    return mailbox;
  }

  private Map<String, Object> section(int port) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("host", "127.0.0.1");
    values.put("port", port);
    values.put("username", login);
    values.put("security", "none");
    return values;
  }

  /** Files a raw RFC 5322 message (line ends made CRLF) in the user's inbox. */
  public void deliverToUser(String raw) {
    byte[] bytes = raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    try {
      deliverToUser(
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes)));
    } catch (MessagingException e) {
      throw new IllegalStateException("not a message: " + raw, e);
    }
  }

  /** Files a message in the user's inbox, as if it had arrived from outside. */
  public void deliverToUser(MimeMessage message) {
    getUserManager().getUserByEmail(email).deliver(message);
  }
}
