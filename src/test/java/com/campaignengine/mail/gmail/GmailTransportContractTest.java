package com.campaignengine.mail.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.MailTransportContractTest;
import com.campaignengine.testing.GmailStub;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class GmailTransportContractTest extends MailTransportContractTest {

  private GmailStub google;

  @BeforeEach
  void startGoogle() throws Exception {
    google = GmailStub.start();
  }

  @AfterEach
  void stopGoogle() {
    google.close();
  }

  @Override
  protected MailTransport transport() {
    return new GmailTransport(google.settings(Duration.ofSeconds(10)));
  }

  @Override
  protected void afterConcurrentSends(int count) {
    assertThat(google.sentCount()).isEqualTo(count);
    // The auth library lets concurrent callers share one refresh of the cached token.
    assertThat(google.tokenRequests()).isEqualTo(1);
  }
}
