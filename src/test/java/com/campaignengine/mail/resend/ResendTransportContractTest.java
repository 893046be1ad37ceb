package com.campaignengine.mail.resend;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.MailTransportContractTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResendTransportContractTest extends MailTransportContractTest {

  @RegisterExtension final ResendStubServer stub = new ResendStubServer();

  @Override
  protected MailTransport transport() {
    return new ResendTransport(
        new ResendSettings(ResendStubServer.API_KEY, stub.baseUrl(), Duration.ofSeconds(5)));
  }

  @Override
  protected void afterConcurrentSends(int count) {
    assertThat(stub.emails())
        .hasSize(count)
        .extracting(email -> email.path("headers").path("Message-ID").asText())
        .doesNotHaveDuplicates();
    assertThat(stub.emails()).allMatch(ResendTransportContractTest::hasSubject);
  }

  private static boolean hasSubject(JsonNode email) {
    return email.path("subject").asText().startsWith("Hello ");
  }
}
