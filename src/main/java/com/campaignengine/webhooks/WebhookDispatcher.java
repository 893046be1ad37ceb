package com.campaignengine.webhooks;

import com.campaignengine.secrets.SecretBox;
import com.campaignengine.secrets.SecretUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the deliveries that are due, on every node: claims them ({@code FOR UPDATE SKIP LOCKED} and
 * a lease, so two nodes never hold the same one and a killed node's claims are sent again after the
 * lease), signs and POSTs each, and records the outcome fenced by the claim's version. Up to {@link
 * WebhookSettings#concurrency()} deliveries are in flight at once; a slow receiver holds only its
 * own. At least once: a receiver may see a delivery again (after a lost answer or a taken-over
 * lease) and dedupes by {@code webhook-id}.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  /** Finished deliveries deleted per statement, so a large backlog never holds long locks. */
  static final int PRUNE_BATCH = 5_000;

  private final WebhookStore store;
  private final SecretBox secrets;
  private final WebhookSettings settings;
  private final Clock clock;
  private final String nodeId;
  private final WebhookListener listener;
  private final WebhookSender sender;
  private final RetrySchedule schedule;
  private final Semaphore slots;
  private ScheduledExecutorService loop;
  private volatile boolean closed;

  public WebhookDispatcher(
      WebhookStore store,
      SecretBox secrets,
      WebhookSettings settings,
      Clock clock,
      String nodeId,
      WebhookListener listener,
      Destinations destinations) {
    this.store = store;
    this.secrets = secrets;
    this.settings = settings;
    this.clock = clock;
    this.nodeId = nodeId;
    this.listener = listener;
    this.sender =
        new WebhookSender(
            settings.connectTimeout(), settings.requestTimeout(), clock, destinations);
    this.schedule = new RetrySchedule(settings);
    this.slots = new Semaphore(settings.concurrency());
  }

  /** Sends what is due now and waits until every outcome is recorded; returns how many. */
  public int deliverDueOnce() {
    List<CompletableFuture<Void>> started = dispatchDue();
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
    return started.size();
  }

  /** Starts the background loop: due deliveries every poll interval, pruning hourly. */
  public synchronized void start() {
    if (loop != null || closed) {
      return;
    }
    loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "campaign-engine-webhooks");
              t.setDaemon(true);
              return t;
            });
    long poll = settings.pollInterval().toMillis();
    loop.scheduleWithFixedDelay(this::dispatchTurn, 0, poll, TimeUnit.MILLISECONDS);
    long hour = Duration.ofHours(1).toMillis();
    loop.scheduleWithFixedDelay(this::pruneTurn, hour, hour, TimeUnit.MILLISECONDS);
    LOG.info("Webhook dispatcher started on node {}", nodeId);
  }

  /** Deletes delivered and failed deliveries older than the keep-finished period. */
  public int pruneOnce() {
    Instant before = clock.instant().minus(settings.keepFinished());
    int total = 0;
    int deleted;
    do {
      deleted = store.prune(before, PRUNE_BATCH);
      total += deleted;
    } while (deleted == PRUNE_BATCH && !closed);
    return total;
  }

  /** Claims as many due deliveries as there are free slots and starts each. */
  private List<CompletableFuture<Void>> dispatchDue() {
    int free = slots.availablePermits();
    if (free == 0) {
      return List.of();
    }
    List<ClaimedDelivery> claimed = store.claim(nodeId, clock.instant(), settings.lease(), free);
    List<CompletableFuture<Void>> started = new ArrayList<>(claimed.size());
    for (ClaimedDelivery delivery : claimed) {
      slots.acquireUninterruptibly();
      started.add(attempt(delivery).whenComplete((done, failure) -> slots.release()));
    }
    return started;
  }

  private void dispatchTurn() {
    try {
      while (!closed) {
        int free = slots.availablePermits();
        int started = dispatchDue().size();
        if (started == 0 || started < free) {
          return; // nothing more is due now, or every slot is busy: wait for the next poll
        }
      }
    } catch (Throwable t) {
      LOG.error("Webhook dispatch turn failed; will run again", t);
    }
  }

  private void pruneTurn() {
    try {
      int deleted = pruneOnce();
      if (deleted > 0) {
        LOG.info("Deleted {} finished webhook deliveries", deleted);
      }
    } catch (Throwable t) {
      LOG.error("Webhook delivery pruning failed; will run again", t);
    }
  }

  private CompletableFuture<Void> attempt(ClaimedDelivery delivery) {
    try {
      if (!delivery.subscriptionActive()) {
        store.hold(delivery);
        return CompletableFuture.completedFuture(null);
      }
      String body =
          WebhookBodies.body(delivery.eventType(), delivery.occurredAt(), delivery.payload());
      String webhookId = WebhookBodies.webhookId(delivery.id());
      long timestamp = clock.instant().getEpochSecond();
      String secret;
      try {
        secret = secrets.open(delivery.sealedSecret());
      } catch (SecretUnavailableException e) {
        // Sealed under another key: counts as a failed attempt, so it ends as failed, visibly.
        record(delivery, new AttemptResult.Unreachable("not sent: " + e.getMessage()));
        return CompletableFuture.completedFuture(null);
      }
      String signature = SigningSecrets.sign(webhookId, timestamp, body, secret);
      return sender
          .post(delivery.url(), webhookId, timestamp, signature, body)
          .thenAccept(result -> record(delivery, result))
          .exceptionally(
              failure -> {
                LOG.error(
                    "Delivery(id={}) outcome not recorded; its lease will expire",
                    delivery.id(),
                    failure);
                return null;
              });
    } catch (RuntimeException e) {
      // A store outage: the lease expires and the delivery is attempted again.
      LOG.error("Delivery(id={}) could not be attempted", delivery.id(), e);
      return CompletableFuture.completedFuture(null);
    }
  }

  private void record(ClaimedDelivery delivery, AttemptResult result) {
    Instant now = clock.instant();
    int attempt = delivery.attempts() + 1;
    String outcome;
    boolean recorded;
    if (result instanceof AttemptResult.Accepted accepted) {
      outcome = "delivered";
      recorded = store.recordDelivered(delivery, accepted.status(), now);
    } else if (result instanceof AttemptResult.Refused refused && refused.status() == 410) {
      outcome = "gone";
      recorded =
          store.recordGone(
              delivery, 410, "the receiver answered 410 Gone at " + now + "; switched off", now);
      LOG.warn(
          "Subscription(id={}) switched off: its receiver answered 410 Gone",
          delivery.subscriptionId());
    } else {
      Integer status = result instanceof AttemptResult.Refused refused ? refused.status() : null;
      String error =
          result instanceof AttemptResult.Unreachable unreachable
              ? unreachable.error()
              : "HTTP " + status;
      if (schedule.exhausted(attempt)) {
        outcome = "failed";
        recorded = store.recordFailed(delivery, status, error, now);
        LOG.warn(
            "Delivery(id={}, subscription={}) failed after {} attempts: {}",
            delivery.id(),
            delivery.subscriptionId(),
            attempt,
            error);
      } else {
        outcome = "retry";
        Duration retryAfter =
            result instanceof AttemptResult.Refused refused ? refused.retryAfter() : null;
        recorded =
            store.recordRetry(delivery, status, error, schedule.next(now, attempt, retryAfter));
        LOG.debug("Delivery(id={}) attempt {} failed: {}", delivery.id(), attempt, error);
      }
    }
    if (!recorded) {
      LOG.trace("Delivery(id={}) was taken over meanwhile; outcome dropped", delivery.id());
    }
    listener.onAttempt(delivery.eventType(), outcome, recorded);
  }

  /** Stops the loop and waits briefly for deliveries in flight to be recorded. */
  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      closed = true;
      running = loop;
    }
    if (running != null) {
      running.shutdownNow();
      try {
        running.awaitTermination(5, TimeUnit.SECONDS);
        if (slots.tryAcquire(settings.concurrency(), 5, TimeUnit.SECONDS)) {
          slots.release(settings.concurrency());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
