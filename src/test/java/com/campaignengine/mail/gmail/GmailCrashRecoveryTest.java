package com.campaignengine.mail.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.CrashAfterAccept;
import com.campaignengine.testing.GmailStub;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the engine: a crash after Gmail accepted leaves no duplicate, because the recovering node
 * searches the mailbox for {@code rfc822msgid:} before sending again.
 */
class GmailCrashRecoveryTest {
  @TempDir Path dataDir;

  @Test
  void a_crash_after_gmail_accepted_leaves_no_duplicate_after_recovery() throws Exception {
    try (GmailStub google = GmailStub.start()) {
      CrashAfterAccept.run(dataDir, new GmailTransport(google.settings(Duration.ofSeconds(5))), 3);
      assertThat(google.sentCount()).isEqualTo(3);
      assertThat(google.requests(GmailStub.SEND)).hasSize(3);
    }
  }
}
