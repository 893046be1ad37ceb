package com.campaignengine.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * How deliveries are sent and retried; build with {@link #builder()}, which checks the rules
 * between the values.
 *
 * @param concurrency deliveries in flight at once on this node (slow receivers hold only their own)
 * @param backoff the pause after the 1st, 2nd, … failed attempt; the last one repeats
 * @param maxAttempts attempts before a delivery is {@code failed}
 * @param keepFinished delivered and failed deliveries older than this are deleted
 */
public record WebhookSettings(
    Duration pollInterval,
    int concurrency,
    Duration lease,
    Duration connectTimeout,
    Duration requestTimeout,
    List<Duration> backoff,
    int maxAttempts,
    Duration keepFinished) {

  public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
  public static final int DEFAULT_CONCURRENCY = 32;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A claim's lease: longer than one attempt can take (connect + request timeout), so a live node
   * never loses its claim; a killed node's claims are sent again by another node after this.
   */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

  /** About three days from the first attempt to the last, as Standard Webhooks suggests. */
  public static final List<Duration> DEFAULT_BACKOFF =
      List.of(
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofHours(24),
          Duration.ofHours(24));

  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  public static final Duration DEFAULT_KEEP_FINISHED = Duration.ofDays(30);

  public WebhookSettings {
    backoff = List.copyOf(backoff);
  }

  public static final WebhookSettings DEFAULTS = builder().build();

  public static Builder builder() {
    return new Builder();
  }

  /** The pause after failed attempt number {@code attempt} (1-based), before jitter. */
  public Duration pauseAfter(int attempt) {
    return backoff.get(Math.min(Math.max(attempt, 1), backoff.size()) - 1);
  }

  /** Validating builder with the defaults above. */
  public static final class Builder {
    private Duration poll = DEFAULT_POLL;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration lease = DEFAULT_LEASE;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private List<Duration> backoff = DEFAULT_BACKOFF;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration keepFinished = DEFAULT_KEEP_FINISHED;

    public Builder pollInterval(Duration value) {
      poll = value;
      return this;
    }

    public Builder concurrency(int value) {
      concurrency = value;
      return this;
    }

    public Builder lease(Duration value) {
      lease = value;
      return this;
    }

    public Builder timeouts(Duration connect, Duration request) {
      connectTimeout = connect;
      requestTimeout = request;
      return this;
    }

    public Builder retries(List<Duration> pauses, int attempts) {
      backoff = pauses;
      maxAttempts = attempts;
      return this;
    }

    public Builder keepFinished(Duration value) {
      keepFinished = value;
      return this;
    }

    public WebhookSettings build() {
      require(positive(poll), "poll interval must be positive");
      require(concurrency >= 1 && concurrency <= 1000, "concurrency must be between 1 and 1000");
      require(positive(connectTimeout) && positive(requestTimeout), "timeouts must be positive");
      require(
          lease.compareTo(connectTimeout.plus(requestTimeout).plusSeconds(5)) >= 0,
          "lease must exceed connect + request timeout by at least 5 s");
      require(!backoff.isEmpty(), "backoff needs at least one pause");
      require(backoff.stream().allMatch(WebhookSettings::positive), "pauses must be positive");
      require(maxAttempts >= 1 && maxAttempts <= 100, "max attempts must be between 1 and 100");
      require(positive(keepFinished), "keep-finished period must be positive");
      return new WebhookSettings(
          poll,
          concurrency,
          lease,
          connectTimeout,
          requestTimeout,
          backoff,
          maxAttempts,
          keepFinished);
    }

    private static void require(boolean rule, String message) {
      if (!rule) {
        throw new IllegalArgumentException(message);
      }
    }
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }
}
