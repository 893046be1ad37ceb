package com.campaignengine.metrics;

import com.campaignengine.webhooks.WebhookListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts webhook delivery attempts by event type and outcome ({@code delivered}, {@code retry},
 * {@code failed}, {@code gone}; {@code dropped} when the claim had been taken over). Thread-safe.
 */
public final class WebhookMetrics implements WebhookListener {
  private final MeterRegistry registry;

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onAttempt(String eventType, String outcome, boolean recorded) {
    Counter.builder("campaign_engine_webhook_attempts")
        .description("Webhook delivery attempts by this node, by event type and outcome")
        .tag("event_type", eventType)
        .tag("outcome", recorded ? outcome : "dropped")
        .register(registry)
        .increment();
  }
}
