package com.campaignengine.mail.smtp;

import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings;
import com.campaignengine.mailbox.SmtpSettings.Security;
import com.campaignengine.testing.MailServer;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

/** GreenMail servers and matching settings for the SMTP transport tests. */
final class SmtpTestServers {

  static final String EMAIL = "sam@example.com";
  static final String LOGIN = "sam";
  static final String PASSWORD = MailServer.PASSWORD;
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private SmtpTestServers() {}

  /** The shared mail server fixture with the sender as its user, on these protocols. */
  static MailServer greenMail(ServerSetup... setups) {
    return MailServer.withUser(EMAIL, LOGIN, setups);
  }

  static SmtpSettings smtp(AbstractServer server) {
    return smtp(server, PASSWORD, Security.NONE);
  }

  static SmtpSettings smtp(AbstractServer server, String password, Security security) {
    return new SmtpSettings(
        server.getBindTo(),
        server.getPort(),
        LOGIN,
        password,
        security,
        TIMEOUT,
        TIMEOUT,
        security != Security.NONE);
  }

  /** IMAP of the sender's own mailbox, with the transport filing sent copies itself. */
  static ImapSettings imap(AbstractServer server) {
    return new ImapSettings(
            server.getBindTo(), server.getPort(), LOGIN, PASSWORD, Security.NONE, null)
        .withAppendToSent(true);
  }

  /** A local port nothing listens on. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
