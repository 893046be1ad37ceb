package com.campaignengine.node;

/**
 * One kind of background work of a node, like a periodic task of JobRunr: started by whoever runs
 * the node, stopped when the node closes.
 */
public interface Duty extends AutoCloseable {
  /**
   * Stops the work; a pass under way may finish first (up to a grace period). Closing twice, or a
   * duty never started, is harmless; a closed duty does not start again.
   */
  @Override
  void close();
}
