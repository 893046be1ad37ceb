package com.campaignengine.engine;

import com.campaignengine.store.ExecutionStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two periodic lease duties: renew this node's leases while it works, and return the expired
 * leases of dead nodes to {@code pending} so their work runs elsewhere.
 */
final class LeaseKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private final EngineConfig config;
  private final ExecutionStore store;
  private final Clock clock;
  private final EngineListener listener;

  LeaseKeeper(EngineConfig config, ExecutionStore store, Clock clock, EngineListener listener) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.listener = listener;
  }

  int renew(java.util.Collection<Long> inFlight) {
    int renewed =
        store.renewLeases(
            config.nodeId(),
            java.util.List.copyOf(inFlight),
            clock.instant().plus(config.leaseDuration()));
    LOG.trace("Node {} renewed {} leases", config.nodeId(), renewed);
    return renewed;
  }

  int reap() {
    int reaped = store.reapExpired(clock.instant());
    if (reaped > 0) {
      LOG.warn("Reaped {} executions whose lease expired (a node died or stalled)", reaped);
      listener.onReaped(reaped);
    }
    return reaped;
  }
}
