package com.campaignengine.engine;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepType;
import com.campaignengine.store.Claim;
import com.campaignengine.store.ClaimedExecution;
import com.campaignengine.store.Completion;
import com.campaignengine.store.ExecutionStore;
import com.campaignengine.store.InlineSteps;
import com.campaignengine.store.RunContext;
import com.campaignengine.store.StepReads;
import com.campaignengine.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One turn of the engine: claim a batch, run it by step type, complete it in one transaction. */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /**
   * Completing a batch is retried with these pauses before giving up: a deadlock, or a connection
   * cut by a database restart or {@code pg_terminate_backend}, passes within seconds, while giving
   * up leaves the batch to the reaper after its lease runs out.
   */
  /** When a batch cut short by a database outage runs again. */
  private static final Duration OUTAGE_RETRY = Duration.ofSeconds(2);

  private static final long[] COMPLETE_PAUSES_MS = {0, 100, 500, 1_000, 2_000, 4_000};

  private final EngineConfig config;
  private final ExecutionStore store;
  private final CampaignCatalog campaigns;
  private final Map<StepType, StepHandler> handlers;
  private final Map<StepType, InlineStepHandler> inlineHandlers;
  private final InlineSteps inline = new Inline();
  private final EngineListener listener;

  /**
   * Enrollments whose executions this process leased and has not completed: the only leases it
   * renews.
   */
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

  Dispatcher(
      EngineConfig config,
      ExecutionStore store,
      CampaignCatalog campaigns,
      Map<StepType, StepHandler> handlers,
      Map<StepType, InlineStepHandler> inlineHandlers,
      EngineListener listener) {
    this.config = config;
    this.store = store;
    this.campaigns = campaigns;
    this.handlers = handlers;
    this.inlineHandlers = inlineHandlers;
    this.listener = listener;
  }

  /**
   * Runs one batch of due work; returns how many executions it claimed. Wait and condition steps
   * run inside the claim's transaction; email steps are leased and run after it.
   */
  int runOnce(Instant now) {
    Claim claim =
        store.claim(
            config.nodeId(),
            now,
            now.plus(config.leaseDuration()),
            config.batchSize(),
            inline,
            now.plus(config.pollInterval()));
    if (claim.claimed() == 0) {
      LOG.trace("Node {} found nothing due", config.nodeId());
      return 0;
    }
    report(claim.completedInline());
    List<ClaimedExecution> leased = claim.leased();
    if (leased.isEmpty()) {
      return claim.claimed();
    }
    List<Long> ids = leased.stream().map(ClaimedExecution::enrollmentId).toList();
    inFlight.addAll(ids);
    try {
      run(leased, now);
      return claim.claimed();
    } finally {
      // Even if completing failed: a lease no one renews expires and the reaper reclaims it.
      ids.forEach(inFlight::remove);
    }
  }

  /** The enrollments of the executions claimed and not yet completed by this process. */
  Set<Long> inFlight() {
    return inFlight;
  }

  private void report(List<Completion> completed) {
    if (completed.isEmpty()) {
      return;
    }
    // One catalog lookup per completion: this runs on every turn of the claim loop.
    List<StepType> types = new ArrayList<>(completed.size());
    Map<StepType, Integer> byType = new EnumMap<>(StepType.class);
    for (Completion completion : completed) {
      StepType type = typeOf(completion.execution());
      types.add(type);
      if (type != null) {
        byType.merge(type, 1, Integer::sum);
      }
    }
    byType.forEach(listener::onClaimed);
    for (int i = 0; i < completed.size(); i++) {
      listener.onCompleted(types.get(i), completed.get(i));
    }
  }

  private StepType typeOf(ClaimedExecution execution) {
    return campaigns
        .campaignWithStep(execution.campaignId(), execution.stepId())
        .steps()
        .byId(execution.stepId())
        .map(Step::type)
        .orElse(null);
  }

  /** Wait and condition steps: computed and moved on in the claim's transaction. */
  private final class Inline implements InlineSteps {
    @Override
    public boolean runsInline(ClaimedExecution execution) {
      StepType type = typeOf(execution);
      return type != null && inlineHandlers.containsKey(type);
    }

    @Override
    public List<Completion> run(List<ClaimedExecution> due, StepReads reads, Instant now) {
      Map<Long, RunContext> contexts =
          reads.people(due.stream().map(ClaimedExecution::enrollmentId).toList());
      List<Completion> completions = new ArrayList<>(due.size());
      Map<StepType, List<StepRun>> byType = new EnumMap<>(StepType.class);
      for (ClaimedExecution execution : due) {
        RunContext context = contexts.get(execution.enrollmentId());
        if (context == null || context.status() != EnrollmentStatus.ACTIVE) {
          completions.add(new Completion.Cancelled(execution, "enrollment no longer active"));
          continue;
        }
        Campaign campaign = campaigns.campaignWithStep(execution.campaignId(), execution.stepId());
        Step step = campaign.steps().byId(execution.stepId()).orElseThrow();
        byType
            .computeIfAbsent(step.type(), t -> new ArrayList<>())
            .add(new StepRun(execution, campaign, step, context));
      }
      byType.forEach(
          (type, runs) -> {
            try {
              completions.addAll(inlineHandlers.get(type).handle(runs, reads, now));
            } catch (StoreException e) {
              throw e; // the claim's transaction is gone: it rolls back, and the rows are due again
            } catch (RuntimeException e) {
              completions.addAll(failed(type, runs, now, e));
            }
          });
      return completions;
    }
  }

  private void run(List<ClaimedExecution> claimed, Instant now) {
    Map<Long, RunContext> contexts =
        store.loadContexts(claimed.stream().map(ClaimedExecution::enrollmentId).toList());
    List<Completion> completions = new ArrayList<>(claimed.size());
    Map<StepType, List<StepRun>> byType = new EnumMap<>(StepType.class);
    Map<Long, StepType> types = new HashMap<>();
    for (ClaimedExecution execution : claimed) {
      Campaign campaign = campaigns.campaignWithStep(execution.campaignId(), execution.stepId());
      Optional<Step> known = campaign.steps().byId(execution.stepId());
      known.ifPresent(step -> types.put(execution.id(), step.type()));
      RunContext context = contexts.get(execution.enrollmentId());
      if (context == null || context.status() != EnrollmentStatus.ACTIVE) {
        completions.add(new Completion.Cancelled(execution, "enrollment no longer active"));
        continue;
      }
      Step step =
          known.orElseThrow(() -> new IllegalStateException("unknown step " + execution.stepId()));
      byType
          .computeIfAbsent(step.type(), t -> new ArrayList<>())
          .add(new StepRun(execution, campaign, step, context));
    }
    Map<StepType, Integer> claimedByType = new EnumMap<>(StepType.class);
    types.values().forEach(type -> claimedByType.merge(type, 1, Integer::sum));
    claimedByType.forEach(listener::onClaimed);
    byType.forEach((type, runs) -> completions.addAll(runSafely(type, runs, now)));
    List<Completion> won = completeWithRetry(completions, now);
    won.forEach(c -> listener.onCompleted(types.get(c.execution().id()), c));
  }

  /**
   * A completion that loses a deadlock or a serialization conflict rolled back as a whole; being
   * fenced by version, it is safe to apply again.
   */
  private List<Completion> completeWithRetry(List<Completion> completions, Instant now) {
    for (int attempt = 1; ; attempt++) {
      try {
        return store.complete(completions, now, now.plus(config.pollInterval()));
      } catch (RuntimeException e) {
        if (attempt >= COMPLETE_PAUSES_MS.length) {
          throw e;
        }
        LOG.warn(
            "Completing a batch of {} failed (attempt {}), retrying: {}",
            completions.size(),
            attempt,
            e.getMessage());
        pause(COMPLETE_PAUSES_MS[attempt]);
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a completion", e);
    }
  }

  /** A handler that throws must not strand its batch: each run is retried as an attempt. */
  private List<Completion> runSafely(StepType type, List<StepRun> runs, Instant now) {
    try {
      return handlers.get(type).handle(runs, now);
    } catch (StoreException e) {
      if (!e.transientFailure()) {
        return failed(type, runs, now, e);
      }
      // The database went away mid-batch (restart, terminated backend): not the person's fault and
      // not an attempt. Anything already handed to a provider is in doubt and looked up on the run.
      LOG.warn(
          "{} batch of {} hit a database outage, runs again shortly: {}",
          type,
          runs.size(),
          e.getMessage());
      List<Completion> again = new ArrayList<>(runs.size());
      for (StepRun run : runs) {
        again.add(
            new Completion.Rescheduled(
                run.execution(), now.plus(OUTAGE_RETRY), false, "database", e.getMessage(), null));
      }
      return again;
    } catch (RuntimeException e) {
      return failed(type, runs, now, e);
    }
  }

  private List<Completion> failed(
      StepType type, List<StepRun> runs, Instant now, RuntimeException e) {
    LOG.error("{} handler failed for a batch of {}", type, runs.size(), e);
    listener.onUnexpectedError(e);
    List<Completion> retries = new ArrayList<>(runs.size());
    String error = String.valueOf(e.getMessage());
    for (StepRun run : runs) {
      boolean exhausted = run.execution().attempts() + 1 >= run.campaign().sending().maxAttempts();
      retries.add(
          exhausted
              ? new Completion.DeadLettered(run.execution(), "unexpected", error, null)
              : new Completion.Rescheduled(
                  run.execution(),
                  now.plus(Duration.ofMinutes(1)),
                  true,
                  "unexpected",
                  error,
                  null));
    }
    return retries;
  }
}
