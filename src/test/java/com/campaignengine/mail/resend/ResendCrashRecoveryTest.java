package com.campaignengine.mail.resend;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.testing.CrashAfterAccept;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through the engine: a crash after Resend accepted leaves no duplicate (Idempotency-Key). */
class ResendCrashRecoveryTest {
  @TempDir Path dataDir;

  @Test
  void a_crash_after_resend_accepted_leaves_no_duplicate_after_recovery() throws Exception {
    try (ResendStubServer resend = new ResendStubServer()) {
      ResendTransport real =
          new ResendTransport(
              new ResendSettings(
                  ResendStubServer.API_KEY, resend.baseUrl(), Duration.ofSeconds(5)));
      CrashAfterAccept.run(dataDir, real, 3);
      assertThat(resend.emails()).hasSize(3);
      assertThat(resend.emails().stream().map(e -> e.path("headers").path("Message-ID").asText()))
          .doesNotHaveDuplicates();
    }
  }
}
