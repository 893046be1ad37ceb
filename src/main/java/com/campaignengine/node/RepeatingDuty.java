package com.campaignengine.node;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A duty that runs one pass of its work on its own daemon thread, again and again: the first pass
 * after a delay, each next one a fixed time after the previous one ended. A failed pass is logged
 * and the next pass comes anyway; background work must outlive a bad minute of the database.
 */
public abstract class RepeatingDuty implements Duty {
  private static final Logger LOG = LoggerFactory.getLogger(RepeatingDuty.class);

  private final String name;
  private final String failure;
  private final Duration grace;
  private ScheduledExecutorService loop;
  private boolean closed;

  /**
   * @param name the thread's name is {@code campaign-engine-<name>}
   * @param failure what the log says when a pass fails
   * @param grace how long closing waits for a pass under way
   */
  RepeatingDuty(String name, String failure, Duration grace) {
    this.name = name;
    this.failure = failure;
    this.grace = grace;
  }

  /** One pass of the work. */
  abstract void runOnce();

  /** Starts the loop, unless it runs already or the duty is closed. */
  final synchronized void schedule(Duration first, Duration every) {
    if (loop != null || closed) {
      return;
    }
    loop =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "campaign-engine-" + name);
              thread.setDaemon(true);
              return thread;
            });
    loop.scheduleWithFixedDelay(
        this::runLogged, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code work} once on the duty's thread, between passes, if the duty is running; a duty not
   * started (or closed) leaves it to its next pass.
   */
  final synchronized void runSoon(Runnable work) {
    if (loop != null) {
      loop.execute(() -> runLogged(work));
    }
  }

  private void runLogged() {
    runLogged(this::runOnce);
  }

  private void runLogged(Runnable work) {
    try {
      work.run();
    } catch (Throwable t) {
      LOG.error("{}; will run again", failure, t);
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      closed = true;
      stopping = loop;
      loop = null;
    }
    if (stopping == null) {
      return;
    }
    stopping.shutdownNow();
    if (grace.isZero()) {
      return;
    }
    try {
      stopping.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
