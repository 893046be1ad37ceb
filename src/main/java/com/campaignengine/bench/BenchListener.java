package com.campaignengine.bench;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.campaign.StepType;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.store.Completion;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** Counts steps and emails and records due-to-done latency; releases a latch at the last email. */
final class BenchListener implements EngineListener {
  private final Clock clock;
  private final Recorder latency = new Recorder(3);
  private final LongAdder steps = new LongAdder();
  private final CountDownLatch emails;
  private final LongAdder emailsSent = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicLong firstEmailNanos = new AtomicLong();
  private final AtomicLong stepsBeforeFirstEmail = new AtomicLong();
  private volatile long lastEmailNanos;

  BenchListener(Clock clock, long expectedEmails) {
    this.clock = clock;
    this.emails = new CountDownLatch((int) expectedEmails);
  }

  @Override
  public void onCompleted(StepType stepType, Completion completion) {
    if (completion instanceof Completion.Advanced advanced) {
      steps.increment();
      long millis = clock.millis() - advanced.execution().scheduledAt().toEpochMilli();
      latency.recordValue(Math.max(0, millis));
      if (advanced.status() == ExecutionStatus.SENT) {
        long now = System.nanoTime();
        if (firstEmailNanos.compareAndSet(0, now)) {
          stepsBeforeFirstEmail.set(steps.sum());
        }
        lastEmailNanos = now;
        emailsSent.increment();
        emails.countDown();
      }
    } else {
      errors.increment();
    }
  }

  @Override
  public void onUnexpectedError(Throwable error) {
    errors.increment();
  }

  CountDownLatch emails() {
    return emails;
  }

  long emailsSent() {
    return emailsSent.sum();
  }

  long steps() {
    return steps.sum();
  }

  /** When the first email step completed (System.nanoTime), 0 before. */
  long firstEmailNanos() {
    return firstEmailNanos.get();
  }

  long lastEmailNanos() {
    return lastEmailNanos;
  }

  /** Steps completed before the first email: in the bench, the wait steps only. */
  long stepsBeforeFirstEmail() {
    return stepsBeforeFirstEmail.get();
  }

  long errors() {
    return errors.sum();
  }

  org.HdrHistogram.Histogram latency() {
    return latency.getIntervalHistogram();
  }
}
