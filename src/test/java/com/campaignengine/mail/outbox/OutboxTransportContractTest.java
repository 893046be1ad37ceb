package com.campaignengine.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.mail.MailTransport;
import com.campaignengine.mail.MailTransportContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

class OutboxTransportContractTest extends MailTransportContractTest {

  @TempDir Path dir;

  @Override
  protected MailTransport transport() {
    return new OutboxTransport(dir.resolve("outbox"));
  }

  @Override
  protected void afterConcurrentSends(int count) throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(count)
          .allMatch(name -> name.endsWith(".eml"));
    }
  }
}
