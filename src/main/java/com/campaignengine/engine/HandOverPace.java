package com.campaignengine.engine;

import com.campaignengine.mail.MailTransport;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * How many sends one hand-over writes {@code sending} at once. A hand-over is a committed write
 * (milliseconds, with the database's flush); a transport that takes a message in much less than
 * that (a local outbox, an in-memory transport) would spend most of its time waiting for hand-overs
 * one by one. So a group is as many sends as the transport takes in the time of one hand-over, but
 * never more than {@link #GROUP_TIME} of sending nor {@link #MAX_GROUP} sends, measured on this
 * node for each transport (moving averages). A transport that takes {@link #GROUP_TIME} or more per
 * message (a network relay or API) gets one send per hand-over. What a crash can leave in doubt is
 * at most one group per worker: what was really in flight. Thread-safe.
 */
final class HandOverPace {
  static final int MAX_GROUP = 512;

  /** The most sending one hand-over commits to ahead, in nanoseconds. */
  static final double GROUP_TIME = 2_000_000;

  /** Weight of the newest measurement in the moving averages. */
  private static final double ALPHA = 0.2;

  /** By transport (one per mailbox and settings, mostly): a forgotten one is dropped. */
  private final Map<MailTransport, Average> sendNanos =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Average handOverNanos = new Average();

  /** Sends to hand over at once to this transport; 1 until measured. */
  int groupSize(MailTransport transport) {
    Average send = sendNanos.get(transport);
    double handOver = handOverNanos.value();
    if (send == null || handOver <= 0) {
      return 1;
    }
    double group = Math.min(handOver, GROUP_TIME) / Math.max(1, send.value());
    return (int) Math.max(1, Math.min(MAX_GROUP, Math.floor(group)));
  }

  void handedOver(long nanos) {
    handOverNanos.add(nanos);
  }

  void sent(MailTransport transport, long nanos) {
    sendNanos.computeIfAbsent(transport, t -> new Average()).add(nanos);
  }

  /** An exponentially weighted moving average; 0 before the first value. */
  private static final class Average {
    private double value;
    private boolean empty = true;

    synchronized void add(long sample) {
      value = empty ? sample : value + ALPHA * (sample - value);
      empty = false;
    }

    synchronized double value() {
      return value;
    }
  }
}
