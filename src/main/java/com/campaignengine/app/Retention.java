package com.campaignengine.app;

import com.campaignengine.store.RetentionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tables bounded: deletes finished executions, engine events, resolved alerts and audit
 * log rows older than the retention period, in batches, so no statement holds many locks for long.
 * Stats survive: each batch adds the counts it deletes to the campaign's rollups in the same
 * transaction. Dead executions stay until someone retries them; sends, replies, opens and clicks
 * are kept as the record of what was sent. Safe on several nodes at once.
 *
 * <p>The period is the workspace's own setting ({@link RetentionSettings}) where it has one, else
 * the server's default; zero keeps everything.
 */
public final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  /** Executions deleted per transaction. */
  public static final int BATCH = 5_000;

  /** The server's default until {@code serve --retention-days} says otherwise. */
  public static final int DEFAULT_DAYS = 90;

  /** What one pass deleted. */
  public record Pruned(long executions, long events) {}

  private final RetentionStore store;
  private final Clock clock;
  private volatile Duration serverDefault = Duration.ofDays(DEFAULT_DAYS);

  public Retention(RetentionStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The period for workspaces without their own setting; set once when the node starts. */
  public void useServerDefault(Duration keep) {
    if (keep.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative");
    }
    this.serverDefault = keep;
  }

  public Duration serverDefault() {
    return serverDefault;
  }

  /** One pass with the server's default for workspaces without their own setting. */
  public Pruned prune() {
    return prune(serverDefault);
  }

  /**
   * Deletes what finished more than the workspace's period ago; {@code serverDefault} is the period
   * of workspaces without their own setting. A period of zero keeps everything.
   */
  public Pruned prune(Duration serverDefault) {
    Instant now = clock.instant();
    int expired = store.pruneExpired(now);
    if (expired > 0) {
      LOG.info("Retention: deleted {} expired login states, sessions and the like", expired);
    }
    long executions = 0;
    long events = 0;
    for (RetentionStore.WorkspaceRetention workspace : store.workspaces()) {
      Duration keep =
          workspace.retentionDays() == null
              ? serverDefault
              : Duration.ofDays(workspace.retentionDays());
      if (keep.isZero()) {
        continue;
      }
      Instant before = now.minus(keep);
      int deleted;
      do {
        deleted = store.pruneExecutions(workspace.workspaceId(), before, BATCH);
        executions += deleted;
      } while (deleted == BATCH);
      events += store.pruneEvents(workspace.workspaceId(), before);
    }
    if (executions + events > 0) {
      LOG.info("Retention: deleted {} finished executions and {} events", executions, events);
    }
    return new Pruned(executions, events);
  }
}
