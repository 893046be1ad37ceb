package com.campaignengine.mail.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.MailTransportContractTest;

class InMemoryTransportContractTest extends MailTransportContractTest {

  private InMemoryTransport transport;

  @Override
  protected MailTransport transport() {
    transport = new InMemoryTransport();
    return transport;
  }

  @Override
  protected void afterConcurrentSends(int count) {
    assertThat(transport.sentCount()).isEqualTo(count);
    assertThat(transport.sentMessageIds()).hasSize(count);
    assertThat(transport.duplicateCount()).isZero();
  }
}
