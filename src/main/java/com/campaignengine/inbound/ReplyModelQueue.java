package com.campaignengine.inbound;

import com.campaignengine.store.InboundStore.RecordedReply;
import com.campaignengine.store.InboundStore.SendRef;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ReplyModel}'s categorizations one at a time on a thread of their own, after the reply
 * is recorded with its keyword category: a slow or failing model never holds up the reading of
 * inboxes (bounces, other replies, other mailboxes). At most {@value #CAPACITY} wait; beyond that,
 * and for those not started when the node closes, the keyword category stays. No thread is started
 * until a model is configured and a reply arrives.
 */
public final class ReplyModelQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyModelQueue.class);
  static final int CAPACITY = 1_000;

  private final ReplyModel model;
  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(CAPACITY),
          r -> {
            Thread t = new Thread(r, "campaign-engine-reply-model");
            t.setDaemon(true);
            return t;
          });

  public ReplyModelQueue(ReplyModel model) {
    this.model = model;
  }

  /** Asks the model for the reply's category later; nothing without a model. */
  public void submit(SendRef send, RecordedReply reply, String subject, String body, Instant now) {
    if (!model.configured()) {
      return;
    }
    try {
      executor.execute(() -> model.categorize(send, reply, subject, body, now));
    } catch (RejectedExecutionException e) {
      LOG.warn(
          "Reply(id={}) keeps its keyword category: {} replies already wait for the model",
          reply.replyId(),
          CAPACITY);
    }
  }

  /**
   * Waits until every categorization submitted before this call has run (tests, a simulated clock);
   * false if {@code timeout} passed first.
   */
  public boolean awaitDone(Duration timeout) throws InterruptedException {
    Future<?> marker;
    try {
      marker = executor.submit(() -> {});
    } catch (RejectedExecutionException e) {
      return false;
    }
    try {
      marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("an empty task failed", e);
    }
  }

  /** Drops the categorizations not started; the one running finishes on its own. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
