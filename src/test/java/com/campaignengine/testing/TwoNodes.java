package com.campaignengine.testing;

import com.campaignengine.mail.MailTransport;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Two test nodes, "node-a" and "node-b", on one fresh database with one clock and one transport (so
 * a message sent by both shows as a duplicate): the in-process counterpart of the scale tests'
 * cluster of engine processes.
 */
public final class TwoNodes implements AutoCloseable {
  public final String url;
  public final TestNode a;
  public final TestNode b;

  private TwoNodes(String url, TestNode a, TestNode b) {
    this.url = url;
    this.a = a;
    this.b = b;
  }

  public static TwoNodes open(Path dataA, Path dataB, Clock clock, MailTransport transport) {
    String url = TestPostgres.newDatabaseUrl();
    TestNode a = TestApplications.open(url, dataA, clock, mailbox -> transport, "node-a");
    try {
      return new TwoNodes(
          url, a, TestApplications.open(url, dataB, clock, mailbox -> transport, "node-b"));
    } catch (RuntimeException e) {
      a.close();
      throw e;
    }
  }

  /** Starts both engines' claim loops. */
  public void startEngines() {
    a.engine().start();
    b.engine().start();
  }

  /** Wakes both engines, e.g. after the clock moved. */
  public void wakeUp() {
    a.engine().wakeUp();
    b.engine().wakeUp();
  }

  @Override
  public void close() {
    try {
      b.close();
    } finally {
      a.close();
    }
  }
}
