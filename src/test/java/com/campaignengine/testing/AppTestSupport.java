package com.campaignengine.testing;

import com.campaignengine.engine.TransportResolver;
import com.campaignengine.mail.memory.InMemoryTransport;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running {@link TestNode} for each test, on a fresh database, as node "node-a": a clock the test
 * moves, an in-memory transport that keeps what it sends, and a {@link Scenario} (a workspace with
 * an outbox mailbox). Subclasses pass the start instant and where mail goes.
 */
public abstract class AppTestSupport {
  @TempDir protected Path dataDir;
  protected final MutableClock clock;
  protected final InMemoryTransport transport = new InMemoryTransport().keepMessages(true);
  protected String url;
  protected TestNode app;
  protected Scenario scenario;

  private final Mail mail;

  /** Where the mailboxes send. */
  protected enum Mail {
    /** Into {@link #transport}, whatever the mailbox's provider. */
    IN_MEMORY,
    /** Through each mailbox's own provider (SMTP, Gmail, ...), e.g. a test's mail server. */
    THROUGH_PROVIDERS
  }

  protected AppTestSupport(Instant start) {
    this(start, Mail.IN_MEMORY);
  }

  protected AppTestSupport(Instant start, Mail mail) {
    this.clock = new MutableClock(start);
    this.mail = mail;
  }

  /** Where each mailbox sends, as {@link Mail} says; a test may send elsewhere. */
  protected TransportResolver transports() {
    return mail == Mail.IN_MEMORY ? mailbox -> transport : null;
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
