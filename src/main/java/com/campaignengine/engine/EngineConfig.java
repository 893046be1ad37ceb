package com.campaignengine.engine;

import com.campaignengine.campaign.SoftBounceResends;
import java.time.Duration;
import java.util.UUID;

/**
 * Engine settings; build with {@link #builder()}, which checks the rules between them.
 *
 * @param softBounceResends whether, when and how often a soft-bounced email step is sent again
 */
public record EngineConfig(
    String nodeId,
    int workers,
    int batchSize,
    Duration leaseDuration,
    Duration heartbeatInterval,
    Duration pollInterval,
    Duration reapInterval,
    Duration shutdownTimeout,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    SoftBounceResends softBounceResends) {

  public static final int DEFAULT_WORKERS = 2;
  public static final int DEFAULT_BATCH_SIZE = 500;

  /**
   * A claim's lease. A node killed mid-batch holds its work this long at most, plus {@link
   * #DEFAULT_REAP}: recovery within 25 s. The heartbeat renews what is in flight, so slow sends
   * keep their lease.
   */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(20);

  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_REAP = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SHUTDOWN = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofHours(6);

  public static Builder builder() {
    return new Builder();
  }

  /** Validating builder with the defaults above. */
  public static final class Builder {
    private String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private int workers = DEFAULT_WORKERS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration lease = DEFAULT_LEASE;
    private Duration heartbeat = DEFAULT_HEARTBEAT;
    private Duration poll = DEFAULT_POLL;
    private Duration reap = DEFAULT_REAP;
    private Duration shutdown = DEFAULT_SHUTDOWN;
    private Duration retryBase = DEFAULT_RETRY_BASE;
    private Duration retryMax = DEFAULT_RETRY_MAX;
    private SoftBounceResends softBounceResends = SoftBounceResends.DEFAULTS;

    public Builder nodeId(String value) {
      nodeId = value;
      return this;
    }

    public Builder workers(int value) {
      workers = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder lease(Duration lease, Duration heartbeat) {
      this.lease = lease;
      this.heartbeat = heartbeat;
      return this;
    }

    public Builder pollInterval(Duration value) {
      poll = value;
      return this;
    }

    public Builder reapInterval(Duration value) {
      reap = value;
      return this;
    }

    public Builder shutdownTimeout(Duration value) {
      shutdown = value;
      return this;
    }

    public Builder retry(Duration base, Duration max) {
      retryBase = base;
      retryMax = max;
      return this;
    }

    public Builder softBounceResends(SoftBounceResends value) {
      softBounceResends = value;
      return this;
    }

    public EngineConfig build() {
      require(nodeId != null && !nodeId.isBlank(), "node id must not be blank");
      require(workers >= 1 && workers <= 64, "workers must be between 1 and 64");
      require(batchSize >= 1 && batchSize <= 10_000, "batch size must be between 1 and 10000");
      require(
          lease.compareTo(heartbeat.multipliedBy(4)) >= 0, "lease must be at least 4 × heartbeat");
      require(!poll.isNegative() && !poll.isZero(), "poll interval must be positive");
      require(!reap.isNegative() && !reap.isZero(), "reap interval must be positive");
      require(retryBase.compareTo(retryMax) <= 0, "retry base delay must not exceed the maximum");
      require(softBounceResends != null, "soft-bounce re-sends must be given");
      return new EngineConfig(
          nodeId,
          workers,
          batchSize,
          lease,
          heartbeat,
          poll,
          reap,
          shutdown,
          retryBase,
          retryMax,
          softBounceResends);
    }

    private static void require(boolean rule, String message) {
      if (!rule) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
