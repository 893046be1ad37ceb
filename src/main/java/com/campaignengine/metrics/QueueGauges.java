package com.campaignengine.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Queue depth (executions due now) and lag (age of the oldest due execution, seconds), read at
 * scrape time through a supplier so the metrics package never speaks SQL.
 */
public final class QueueGauges {
  /** Reads the queue: due count and age of the oldest due execution in seconds. */
  public interface Queue {
    long dueNow();

    double lagSeconds();
  }

  private QueueGauges() {}

  public static void register(MeterRegistry registry, Queue queue) {
    gauge(registry, "campaign_engine_queue_depth", "Executions due now", queue, q -> q.dueNow());
    gauge(
        registry,
        "campaign_engine_queue_lag_seconds",
        "Age of the oldest due execution",
        queue,
        Queue::lagSeconds);
  }

  private static void gauge(
      MeterRegistry registry, String name, String help, Queue queue, ToDoubleFunction<Queue> f) {
    // Gauges hold their object weakly by default; this one exists only for the gauge.
    Gauge.builder(name, queue, f).description(help).strongReference(true).register(registry);
  }
}
