package com.campaignengine.node;

import com.campaignengine.app.Retention;
import java.time.Duration;

/** Deletes what finished more than the retention period ago (stats keep their counts). */
public final class RetentionDuty extends RepeatingDuty {
  private final Retention retention;

  RetentionDuty(Retention retention) {
    // Closing lets a running pass finish before the database closes under it.
    super("retention", "Retention pass failed", Duration.ofSeconds(5));
    this.retention = retention;
  }

  /**
   * Prunes every {@code every} until closed. {@code keep} is the server's default; a workspace's
   * own setting overrides it (zero keeps everything), so the loop runs even when the default keeps
   * everything.
   */
  public void start(Duration keep, Duration every) {
    retention.useServerDefault(keep);
    schedule(every, every);
  }

  /** The pruning itself, to run by hand. */
  public Retention retention() {
    return retention;
  }

  @Override
  void runOnce() {
    retention.prune();
  }
}
