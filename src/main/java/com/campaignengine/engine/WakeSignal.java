package com.campaignengine.engine;

import java.time.Duration;

/** Lets idle workers sleep until new work may be due or the poll interval passes. */
final class WakeSignal {
  private boolean pending;

  synchronized void signal() {
    pending = true;
    notifyAll();
  }

  synchronized void await(Duration timeout) throws InterruptedException {
    if (!pending) {
      wait(Math.max(1, timeout.toMillis()));
    }
    pending = false;
  }
}
