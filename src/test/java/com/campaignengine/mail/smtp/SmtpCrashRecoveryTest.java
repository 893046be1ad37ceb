package com.campaignengine.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.CrashAfterAccept;
import com.campaignengine.testing.MailServer;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the engine: a crash after the SMTP server accepted leaves no duplicate, because the
 * recovering node finds the message in the IMAP Sent folder by its Message-ID.
 */
class SmtpCrashRecoveryTest {
  @RegisterExtension
  static final MailServer GREEN_MAIL =
      SmtpTestServers.greenMail(ServerSetupTest.SMTP, ServerSetupTest.IMAP);

  @TempDir Path dataDir;

  @Test
  void a_crash_after_the_smtp_server_accepted_leaves_no_duplicate_after_recovery()
      throws Exception {
    SmtpTransport real =
        new SmtpTransport(
            SmtpTestServers.smtp(GREEN_MAIL.getSmtp()),
            SmtpTestServers.imap(GREEN_MAIL.getImap()).withAppendToSent(true));
    try (real) {
      CrashAfterAccept.run(dataDir, real, 3);
    }
    // Count what reached each person's inbox (the sender's Sent folder holds copies too).
    List<String> messageIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      GreenMailUser person =
          GREEN_MAIL.getUserManager().getUserByEmail("person" + i + "@example.org");
      MailFolder inbox = GREEN_MAIL.getManagers().getImapHostManager().getInbox(person);
      for (StoredMessage message : inbox.getMessages()) {
        messageIds.add(message.getMimeMessage().getMessageID());
      }
    }
    assertThat(messageIds).hasSize(3).doesNotHaveDuplicates();
  }
}
