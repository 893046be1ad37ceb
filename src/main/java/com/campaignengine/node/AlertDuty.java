package com.campaignengine.node;

import com.campaignengine.alerts.AlertEvaluator;
import java.time.Duration;

/** Evaluates the alert rules of every workspace, every interval. */
public final class AlertDuty extends RepeatingDuty {
  private final AlertEvaluator evaluator;

  AlertDuty(AlertEvaluator evaluator) {
    // Closing lets a running evaluation finish before the database closes under it.
    super("alerts", "Alert evaluation failed", Duration.ofSeconds(5));
    this.evaluator = evaluator;
  }

  /** Evaluates after {@code interval}, then every {@code interval}, until closed. */
  public void start(Duration interval) {
    schedule(interval, interval);
  }

  /** The rules with this node's thresholds and sinks, to evaluate by hand. */
  public AlertEvaluator evaluator() {
    return evaluator;
  }

  @Override
  void runOnce() {
    evaluator.evaluateAll();
  }
}
