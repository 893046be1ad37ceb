package com.campaignengine.store.postgres;

import com.campaignengine.store.Wakeups;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on a dedicated connection and wakes the engine when another transaction made work due.
 * Reconnects by itself; the engine's polling covers any notification missed meanwhile.
 */
public final class PostgresWakeups implements Wakeups {

  static final String CHANNEL = "campaign_engine_due";
  private static final Logger LOG = LoggerFactory.getLogger(PostgresWakeups.class);
  private static final int WAIT_MILLIS = 500;

  private final Database database;
  private volatile boolean running;
  private Thread thread;

  /**
   * Tells every node's listener that work became due; delivered when the caller's transaction
   * commits (PostgreSQL folds identical notifications of one transaction into one).
   */
  static void notifyDue(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("NOTIFY " + CHANNEL);
    }
  }

  public PostgresWakeups(Database database) {
    this.database = database;
  }

  @Override
  public synchronized void start(Runnable onWake) {
    running = true;
    thread = new Thread(() -> listen(onWake), "campaign-engine-listen");
    thread.setDaemon(true);
    thread.start();
  }

  private void listen(Runnable onWake) {
    while (running) {
      try (Connection connection = database.openDedicatedConnection()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
          if (notifications != null && notifications.length > 0) {
            onWake.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          LOG.warn("Wakeup listener lost its connection, reconnecting: {}", e.getMessage());
          pause();
        }
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
