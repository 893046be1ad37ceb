package com.campaignengine.app;

import com.campaignengine.store.RetentionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tables bounded: deletes finished executions, engine events and resolved alerts older
 * than the retention period, in batches, so no statement holds many locks for long. Stats survive:
 * each batch adds the counts it deletes to the campaign's rollups in the same transaction. Dead
 * executions stay until someone retries them; sends, replies, opens and clicks are kept as the
 * record of what was sent. Safe on several nodes at once.
 */
public final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  /** Executions deleted per transaction. */
  public static final int BATCH = 5_000;

  /** What one pass deleted. */
  public record Pruned(long executions, long events) {}

  private final RetentionStore store;
  private final Clock clock;

  public Retention(RetentionStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Deletes what finished more than {@code keep} ago; {@code keep} zero keeps everything. */
  public Pruned prune(Duration keep) {
    if (keep.isZero()) {
      return new Pruned(0, 0);
    }
    Instant before = clock.instant().minus(keep);
    long executions = 0;
    long events = 0;
    for (long workspace : store.workspaceIds()) {
      int deleted;
      do {
        deleted = store.pruneExecutions(workspace, before, BATCH);
        executions += deleted;
      } while (deleted == BATCH);
      events += store.pruneEvents(workspace, before);
    }
    if (executions + events > 0) {
      LOG.info(
          "Retention: deleted {} finished executions and {} events from before {}",
          executions,
          events,
          before);
    }
    return new Pruned(executions, events);
  }
}
