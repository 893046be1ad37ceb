package com.campaignengine.testing;

import com.campaignengine.Application;
import com.campaignengine.engine.TransportResolver;
import com.campaignengine.mail.memory.InMemoryTransport;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running application for each test, on a fresh database, as node "node-a": a clock the test
 * moves, an in-memory transport that keeps what it sends, and a {@link Scenario} (a workspace with
 * an outbox mailbox). Subclasses pass the start instant and may override {@link #transports()}.
 */
public abstract class AppTestSupport {
  @TempDir protected Path dataDir;
  protected final MutableClock clock;
  protected final InMemoryTransport transport = new InMemoryTransport().keepMessages(true);
  protected String url;
  protected Application app;
  protected Scenario scenario;

  protected AppTestSupport(Instant start) {
    this.clock = new MutableClock(start);
  }

  /** Where each mailbox sends: {@link #transport}; null for the mailboxes' real providers. */
  protected TransportResolver transports() {
    return mailbox -> transport;
  }

  @BeforeEach
  void openApplication() {
    url = TestPostgres.newDatabaseUrl();
    app = TestApplications.open(url, dataDir, clock, transports(), "node-a");
    scenario = new Scenario(app);
  }

  @AfterEach
  void closeApplication() {
    if (app != null) {
      app.close();
    }
  }
}
