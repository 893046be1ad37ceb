package com.campaignengine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Retries spread out but never come back at once: with full jitter a retry could draw a zero delay
 * and run again in the same instant, which also made AlertRulesTest flaky.
 */
class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1));

  @Test
  void a_retry_waits_between_half_and_all_of_the_backoff() {
    for (int attempt = 0; attempt < 4; attempt++) {
      long ceiling = 30_000L << attempt;
      for (int draw = 0; draw < 2_000; draw++) {
        long delay = Duration.between(NOW, policy.nextAttempt(NOW, attempt, null)).toMillis();
        assertThat(delay).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
      }
    }
  }

  @Test
  void the_backoff_is_capped_and_retry_after_is_a_floor() {
    long capped = Duration.between(NOW, policy.nextAttempt(NOW, 30, null)).toMillis();
    assertThat(capped).isBetween(1_800_000L, 3_600_000L);

    Instant at = policy.nextAttempt(NOW, 0, Duration.ofMinutes(10));
    assertThat(at).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
  }
}
