package com.campaignengine.alerts;

import java.time.Instant;
import java.util.List;

/**
 * One kind of condition, checked against the database. Stateless: it reports what holds now and the
 * {@link AlertEvaluator} turns changes into notifications. Implementations are thread-safe.
 */
public interface AlertRule {

  /** The name in alert keys, e.g. {@code queue_lag}. */
  String name();

  /** The conditions of this rule that hold in the workspace at {@code now}; never null. */
  List<Alert> firing(long workspaceId, Instant now);
}
