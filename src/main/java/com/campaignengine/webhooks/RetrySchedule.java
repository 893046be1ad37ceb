package com.campaignengine.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: the configured pause for this attempt plus up to a fifth
 * of it at random (so the retries of many deliveries after one outage spread out), or the
 * receiver's own {@code Retry-After} when it gave one, capped at the longest configured pause.
 */
final class RetrySchedule {
  private final WebhookSettings settings;

  RetrySchedule(WebhookSettings settings) {
    this.settings = settings;
  }

  /** Whether failed attempt number {@code attempt} (1-based) was the last one allowed. */
  boolean exhausted(int attempt) {
    return attempt >= settings.maxAttempts();
  }

  Instant next(Instant now, int attempt, Duration retryAfter) {
    if (retryAfter != null) {
      Duration longest = settings.backoff().stream().max(Duration::compareTo).orElseThrow();
      return now.plus(retryAfter.compareTo(longest) > 0 ? longest : retryAfter);
    }
    Duration pause = settings.pauseAfter(attempt);
    long jitterMillis = ThreadLocalRandom.current().nextLong(pause.toMillis() / 5 + 1);
    return now.plus(pause).plusMillis(jitterMillis);
  }
}
