package com.campaignengine.alerts;

import java.util.ArrayList;
import java.util.List;

/** Keeps every notice it is given, in order. Thread-safe. */
final class RecordingSink implements AlertSink {
  private final List<AlertRecord> notices = new ArrayList<>();

  @Override
  public synchronized void send(AlertRecord alert) {
    notices.add(alert);
  }

  synchronized List<AlertRecord> notices() {
    return List.copyOf(notices);
  }

  synchronized List<String> lines() {
    return notices.stream().map(n -> n.status().wireName() + " " + n.key()).toList();
  }

  synchronized void clear() {
    notices.clear();
  }
}
