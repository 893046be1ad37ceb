package com.campaignengine.engine;

import com.campaignengine.campaign.StepType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one node: worker threads that run batches of due executions, woken by notifications
 * or by polling, plus lease renewal and reaping. {@link #runDueOnce()} and {@link #reapOnce()}
 * drive it by hand (tests, the simulated demo clock).
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final int AI_THREADS = 32;

  private final EngineConfig config;
  private final EngineDependencies deps;
  private final Dispatcher dispatcher;
  private final LeaseKeeper leases;
  private final WakeSignal wake = new WakeSignal();

  /** Model calls are slow I/O: they run here, in parallel, not on the engine's workers. */
  private final java.util.concurrent.ExecutorService aiPool =
      Executors.newFixedThreadPool(
          AI_THREADS,
          r -> {
            Thread t = new Thread(r, "campaign-engine-ai");
            t.setDaemon(true);
            return t;
          });

  private final List<Thread> workers = new ArrayList<>();
  private ScheduledExecutorService duties;
  private volatile boolean running;

  /** Set once the node stops: no new claim, and no send is handed to a provider any more. */
  private volatile boolean stopping;

  public Engine(EngineConfig config, EngineDependencies deps) {
    this.config = config;
    this.deps = deps;
    Map<StepType, StepHandler> handlers = new EnumMap<>(StepType.class);
    Map<StepType, InlineStepHandler> inline = new EnumMap<>(StepType.class);
    inline.put(StepType.WAIT, new WaitStepHandler());
    inline.put(StepType.CONDITION, new ConditionStepHandler());
    inline.put(StepType.TASK, new TaskStepHandler(deps.templates()));
    // The email step gets the send operations only; claims, completions and leases stay here.
    SendOperations sends = new StoreSendOperations(deps.store());
    handlers.put(
        StepType.EMAIL,
        new EmailStepHandler(
            sends,
            new MailboxTransports(deps.transports(), sends, config.nodeId()),
            new EmailComposer(deps.templates(), deps.tracking()),
            new RetryPolicy(config.retryBaseDelay(), config.retryMaxDelay()),
            new Personalization(deps.personalization()),
            aiPool,
            new ReplyCheck(deps.replyChecks(), sends, deps.listener()),
            deps.listener(),
            () -> stopping));
    this.dispatcher =
        new Dispatcher(config, deps.store(), deps.campaigns(), handlers, inline, deps.listener());
    this.leases = new LeaseKeeper(config, deps.store(), deps.clock(), deps.listener());
  }

  /** Claims and runs one batch of due work now; returns how many executions it claimed. */
  public int runDueOnce() {
    return dispatcher.runOnce(deps.clock().instant());
  }

  /** Runs batches until nothing is due at the clock's current instant; returns the total. */
  public int runUntilIdle() {
    deps.store().resumeDue(deps.clock().instant());
    int total = 0;
    int claimed;
    while ((claimed = runDueOnce()) > 0) {
      total += claimed;
    }
    return total;
  }

  /** When the earliest pending execution is due, if any: lets a simulated clock jump ahead. */
  public Optional<Instant> nextDueAt() {
    return deps.store().nextDueAt();
  }

  /** Renews the leases of what this node has in flight now; returns how many. */
  public int renewLeasesOnce() {
    return leases.renew(dispatcher.inFlight());
  }

  /** Executions due now and the age of the oldest due one, in seconds. */
  public long[] queue() {
    return deps.store().queue(deps.clock().instant());
  }

  /** Reaps expired leases now. */
  public int reapOnce() {
    return leases.reap();
  }

  /** Wakes idle workers: new work may be due. */
  public void wakeUp() {
    wake.signal();
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    for (int i = 0; i < config.workers(); i++) {
      Thread worker = new Thread(this::workLoop, "campaign-engine-worker-" + i);
      worker.start();
      workers.add(worker);
    }
    duties =
        Executors.newScheduledThreadPool(
            1,
            r -> {
              Thread t = new Thread(r, "campaign-engine-leases");
              t.setDaemon(true);
              return t;
            });
    schedule(() -> leases.renew(dispatcher.inFlight()), config.heartbeatInterval().toMillis());
    schedule(leases::reap, config.reapInterval().toMillis());
    schedule(
        () -> deps.store().resumeDue(deps.clock().instant()), config.reapInterval().toMillis());
    deps.wakeups().start(wake::signal);
    LOG.info("Engine node {} started with {} workers", config.nodeId(), config.workers());
  }

  private void schedule(Runnable duty, long periodMillis) {
    duties.scheduleWithFixedDelay(
        () -> {
          try {
            duty.run();
          } catch (Throwable t) {
            LOG.error("Periodic engine duty failed; will run again", t);
            deps.listener().onUnexpectedError(t);
          }
        },
        periodMillis,
        periodMillis,
        TimeUnit.MILLISECONDS);
  }

  private void workLoop() {
    while (running && !stopping) {
      try {
        int claimed = dispatcher.runOnce(deps.clock().instant());
        if (claimed == 0 && running && !stopping) {
          wake.await(config.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable t) {
        LOG.error("Engine worker failed a turn; continuing after the poll interval", t);
        deps.listener().onUnexpectedError(t);
        try {
          wake.await(config.pollInterval());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Starts stopping without waiting: no new claim, and from now on no send is handed to a provider;
   * a batch under way finishes the provider call in progress, releases the rest of its sends (due
   * again at once, for any node) and completes. {@link #close} then waits for that.
   */
  public void beginShutdown() {
    stopping = true;
    wake.signal();
  }

  /**
   * Stops claiming and handing sends over ({@link #beginShutdown}), lets in-flight batches finish
   * what is with a provider now, and releases whatever is still claimed.
   */
  @Override
  public synchronized void close() {
    beginShutdown();
    if (!running) {
      return;
    }
    running = false;
    deps.wakeups().close();
    wake.signal();
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    for (Thread worker : workers) {
      try {
        worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.clear();
    duties.shutdownNow();
    aiPool.shutdownNow();
    try {
      int released = deps.store().release(config.nodeId());
      LOG.info("Engine node {} stopped; released {} claimed executions", config.nodeId(), released);
    } catch (RuntimeException e) {
      LOG.warn("Engine node {} could not release its leases; the reaper will", config.nodeId(), e);
    }
  }
}
