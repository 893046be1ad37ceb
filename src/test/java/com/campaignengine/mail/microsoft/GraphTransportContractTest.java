package com.campaignengine.mail.microsoft;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.MailTransportContractTest;
import com.campaignengine.testing.GraphStub;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphTransportContractTest extends MailTransportContractTest {

  @RegisterExtension final GraphStub graph = GraphStub.start();

  @Override
  protected MailTransport transport() {
    return new GraphTransport(graph.settings(Duration.ofSeconds(10)));
  }

  @Override
  protected void afterConcurrentSends(int count) {
    assertThat(graph.sentCount()).isEqualTo(count);
    assertThat(graph.drafts()).isEmpty();
    // Concurrent callers share one refresh of the cached token.
    assertThat(graph.requests(GraphStub.Call.TOKEN)).hasSize(1);
  }
}
