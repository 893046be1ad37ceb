package com.campaignengine.metrics;

import com.campaignengine.campaign.ExecutionStatus;
import com.campaignengine.campaign.StepType;
import com.campaignengine.engine.EngineListener;
import com.campaignengine.store.Completion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what the engine does, fed by {@link EngineListener}: executions claimed and completed per
 * step type (completed also by outcome), send latency per provider, leases reaped, unexpected
 * errors. Thread-safe (Micrometer counters are).
 */
public final class EngineMetrics implements EngineListener {
  private final MeterRegistry registry;
  private final Map<StepType, Counter> claimed = new EnumMap<>(StepType.class);
  private final Counter reaped;
  private final Counter errors;

  public EngineMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (StepType type : StepType.values()) {
      claimed.put(
          type,
          Counter.builder("campaign_engine_executions_claimed")
              .description("Executions claimed by this node, by step type")
              .tag("step_type", type.wireName())
              .register(registry));
    }
    this.reaped =
        Counter.builder("campaign_engine_leases_reaped")
            .description("Expired leases returned to pending by this node's reaper")
            .register(registry);
    this.errors =
        Counter.builder("campaign_engine_unexpected_errors")
            .description("Unexpected errors caught by engine loops")
            .register(registry);
  }

  @Override
  public void onClaimed(StepType stepType, int count) {
    claimed.get(stepType).increment(count);
  }

  /** Looked up once per (step type, outcome), not per completion: the hot path only increments. */
  private final Map<String, Counter> completed = new ConcurrentHashMap<>();

  @Override
  public void onCompleted(StepType stepType, Completion completion) {
    String type = stepType == null ? "unknown" : stepType.wireName();
    String outcome = outcome(completion);
    completed
        .computeIfAbsent(
            type + '/' + outcome,
            key ->
                Counter.builder("campaign_engine_executions_completed")
                    .description(
                        "Executions completed, by step type and outcome (dead: failed for good)")
                    .tag("step_type", type)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
  }

  @Override
  public void onSend(String provider, String result, Duration latency) {
    Timer.builder("campaign_engine_send_latency")
        .description("Time a provider took to answer one send, by provider and result")
        .tag("provider", provider)
        .tag("result", result)
        .publishPercentileHistogram()
        .register(registry)
        .record(latency);
  }

  @Override
  public void onReplyCheck(int followUps, int found, boolean answered, Duration latency) {
    String result = answered ? "answered" : "unanswered";
    Timer.builder("campaign_engine_reply_check_latency")
        .description("Time one mailbox took to answer the check before its follow-ups")
        .tag("result", result)
        .register(registry)
        .record(latency);
    Counter.builder("campaign_engine_reply_check_follow_ups")
        .description("Follow-ups checked before sending, by whether their mailbox answered")
        .tag("result", result)
        .register(registry)
        .increment(followUps);
  }

  @Override
  public void onReaped(int count) {
    reaped.increment(count);
  }

  @Override
  public void onUnexpectedError(Throwable error) {
    errors.increment();
  }

  /** sent, completed, skipped, retried, deferred, dead, cancelled, held, ended. */
  static String outcome(Completion completion) {
    if (completion instanceof Completion.Advanced advanced) {
      return advanced.status().wireName();
    }
    if (completion instanceof Completion.Rescheduled rescheduled) {
      return rescheduled.attempt() ? "retried" : "deferred";
    }
    if (completion instanceof Completion.DeadLettered) {
      return ExecutionStatus.DEAD.wireName();
    }
    return completion.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
