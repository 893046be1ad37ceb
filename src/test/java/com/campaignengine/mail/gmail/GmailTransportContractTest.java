package com.campaignengine.mail.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.MailTransportContractTest;
import com.campaignengine.testing.GmailStub;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

class GmailTransportContractTest extends MailTransportContractTest {

  @RegisterExtension final GmailStub google = GmailStub.start();

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
