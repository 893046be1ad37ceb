package com.campaignengine.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with equal jitter: a random delay between half and all of base × 2^attempt
 * (capped), so retries of many executions after one outage do not arrive together, and none comes
 * back at once (a provider that said "try later" is never retried within the same moment). A
 * provider's {@code Retry-After} is a floor.
 */
public final class RetryPolicy {
  private final Duration base;
  private final Duration max;

  public RetryPolicy(Duration base, Duration max) {
    this.base = base;
    this.max = max;
  }

  /** When attempt number {@code attempt} (0 for the first retry) may run. */
  public Instant nextAttempt(Instant now, int attempt, Duration retryAfter) {
    long ceiling = base.toMillis() << Math.min(attempt, 20);
    ceiling = Math.min(Math.max(ceiling, 1), max.toMillis());
    long floor = (ceiling + 1) / 2;
    long delay = floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1);
    Instant at = now.plusMillis(delay);
    if (retryAfter != null && at.isBefore(now.plus(retryAfter))) {
      at = now.plus(retryAfter);
    }
    return at;
  }
}
