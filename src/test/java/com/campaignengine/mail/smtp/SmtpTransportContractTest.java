package com.campaignengine.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.MailTransportContractTest;
import com.campaignengine.testing.MailServer;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transport contract against GreenMail's SMTP with AUTH. Without IMAP settings, so lookups
 * answer UNKNOWN: GreenMail's IMAP answers each command only after a delayed-ACK pause (~40 ms),
 * which would make the 400 lookups of the concurrency test take minutes. {@link SmtpTransportTest}
 * covers lookups over IMAP.
 */
class SmtpTransportContractTest extends MailTransportContractTest {

  @RegisterExtension
  static final MailServer GREEN_MAIL = SmtpTestServers.greenMail(ServerSetupTest.SMTP);

  private final List<SmtpTransport> transports = new ArrayList<>();

  @Override
  protected MailTransport transport() {
    SmtpTransport transport = new SmtpTransport(SmtpTestServers.smtp(GREEN_MAIL.getSmtp()), null);
    transports.add(transport);
    return transport;
  }

  @AfterEach
  void closeTransports() {
    transports.forEach(SmtpTransport::close);
  }

  @Override
  protected void afterConcurrentSends(int count) {
    assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, count)).isTrue();
    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(count);
    assertThat(transports.get(0).connectionsOpened()).isEqualTo(1);
  }
}
