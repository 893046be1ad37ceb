package com.campaignengine.inbound.imap;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends IMAP IDLE waits at their deadline. Jakarta Mail's IDLE has no timeout, but any command
 * issued on the folder from another thread makes Angus end it with DONE; the alarm issues an empty
 * one. Its daemon thread starts with the first wait and stops on {@link #close}. Thread-safe.
 */
final class IdleAlarm implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IdleAlarm.class);

  // After the deadline the alarm repeats, in case it rang just before IDLE started.
  private static final long REPEAT_MILLIS = 100;

  private ScheduledExecutorService timer; // guarded by this
  private boolean closed; // guarded by this

  /** One wait's alarm; closing it cancels the alarm. */
  static final class Wait implements AutoCloseable {
    private volatile boolean expired;
    private ScheduledFuture<?> ringing;

    /** Whether the deadline has passed (or the alarm was closed). */
    boolean expired() {
      return expired;
    }

    @Override
    public void close() {
      if (ringing != null) {
        ringing.cancel(false);
      }
    }
  }

  /** Starts ringing {@code folder} after {@code delay}, until the returned wait is closed. */
  synchronized Wait start(IMAPFolder folder, Duration delay) {
    Wait wait = new Wait();
    if (closed) {
      wait.expired = true;
      return wait;
    }
    if (timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "imap-idle-alarm");
                t.setDaemon(true);
                return t;
              });
    }
    Runnable ring =
        () -> {
          wait.expired = true;
          interrupt(folder);
        };
    wait.ringing =
        timer.scheduleWithFixedDelay(ring, delay.toMillis(), REPEAT_MILLIS, TimeUnit.MILLISECONDS);
    return wait;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  private static void interrupt(IMAPFolder folder) {
    try {
      folder.doCommand(p -> null);
    } catch (MessagingException | RuntimeException e) {
      // The folder was closed meanwhile: the wait is over anyway.
      LOG.trace("ending IDLE: {}", e.toString());
    }
  }
}
