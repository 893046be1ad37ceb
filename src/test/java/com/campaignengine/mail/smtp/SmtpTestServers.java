package com.campaignengine.mail.smtp;

import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.SmtpSettings;
import com.campaignengine.mailbox.SmtpSettings.Security;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
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
  static final String PASSWORD = "secret";
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private SmtpTestServers() {}

  /** Fresh servers per test on free ports (other builds on this machine may run GreenMail too). */
  static GreenMailExtension greenMail(ServerSetup... setups) {
    return new GreenMailExtension(ServerSetup.dynamicPort(setups))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser(EMAIL, LOGIN, PASSWORD));
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
