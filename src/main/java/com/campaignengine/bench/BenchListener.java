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

  /**
   * Steady state: the run after its first 10 % of wait steps, and after its first 10 % of emails.
   */
  private final long waitMark;

  private final long emailMark;
  private final AtomicLong waitMarkNanos = new AtomicLong();
  private final AtomicLong waitMarkSteps = new AtomicLong();
  private final AtomicLong emailMarkNanos = new AtomicLong();
  private final AtomicLong emailMarkCount = new AtomicLong();

  /** Every completion reported here won its race: the engine reports no other. */
  BenchListener(Clock clock, long expectedEmails, long expectedWaitSteps) {
    this.clock = clock;
    this.emails = new CountDownLatch((int) expectedEmails);
    this.waitMark = Math.max(1, expectedWaitSteps / 10);
    this.emailMark = Math.max(1, expectedEmails / 10);
  }

  @Override
  public void onCompleted(StepType stepType, Completion completion) {
    if (completion instanceof Completion.Advanced advanced) {
      steps.increment();
      if (steps.sum() >= waitMark && waitMarkNanos.compareAndSet(0, System.nanoTime())) {
        waitMarkSteps.set(steps.sum());
      }
      long millis = clock.millis() - advanced.execution().scheduledAt().toEpochMilli();
      latency.recordValue(Math.max(0, millis));
      if (advanced.status() == ExecutionStatus.SENT) {
        long now = System.nanoTime();
        if (firstEmailNanos.compareAndSet(0, now)) {
          stepsBeforeFirstEmail.set(steps.sum());
        }
        lastEmailNanos = now;
        emailsSent.increment();
        if (emailsSent.sum() >= emailMark && emailMarkNanos.compareAndSet(0, now)) {
          emailMarkCount.set(emailsSent.sum());
        }
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

  /** Wait steps per second after the first 10 % of them, up to the first email. */
  double steadyWaitStepsPerS() {
    long from = waitMarkNanos.get();
    long to = firstEmailNanos.get();
    return to <= from
        ? 0
        : (stepsBeforeFirstEmail.get() - waitMarkSteps.get()) / ((to - from) / 1e9);
  }

  /** Emails per second after the first 10 % of them, up to the last. */
  double steadyEmailsPerS() {
    long from = emailMarkNanos.get();
    long to = lastEmailNanos;
    return to <= from ? 0 : (emailsSent.sum() - emailMarkCount.get()) / ((to - from) / 1e9);
  }

  long errors() {
    return errors.sum();
  }

  org.HdrHistogram.Histogram latency() {
    return latency.getIntervalHistogram();
  }
}
