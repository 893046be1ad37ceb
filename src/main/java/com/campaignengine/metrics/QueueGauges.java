package com.campaignengine.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Queue depth (executions due now) and lag (age of the oldest due execution, seconds), read at
 * scrape time through a supplier so the metrics package never speaks SQL. Both gauges share one
 * reading per scrape: it is reused for a second.
 */
public final class QueueGauges {
  private static final long FRESH_NANOS = 1_000_000_000L;

  /** One reading: {@code [due now, lag in seconds]}, reused while fresh. Thread-safe. */
  private static final class Reading {
    private final Supplier<long[]> read;
    private long[] last = {0, 0};
    private long readAt = Long.MIN_VALUE;

    Reading(Supplier<long[]> read) {
      this.read = read;
    }

    synchronized long[] get() {
      long now = System.nanoTime();
      if (readAt == Long.MIN_VALUE || now - readAt > FRESH_NANOS) {
        last = read.get();
        readAt = now;
      }
      return last;
    }
  }

  private QueueGauges() {}

  /** {@code read} returns {@code [executions due now, age of the oldest in seconds]}. */
  public static void register(MeterRegistry registry, Supplier<long[]> read) {
    Reading reading = new Reading(read);
    gauge(registry, "campaign_engine_queue_depth", "Executions due now", reading, r -> r.get()[0]);
    gauge(
        registry,
        "campaign_engine_queue_lag_seconds",
        "Age of the oldest due execution",
        reading,
        r -> r.get()[1]);
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      String help,
      Reading reading,
      ToDoubleFunction<Reading> f) {
    // Gauges hold their object weakly by default; this one exists only for the gauge.
    Gauge.builder(name, reading, f).description(help).strongReference(true).register(registry);
  }
}
