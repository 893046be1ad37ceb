package com.campaignengine.mail.resend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Message-IDs Resend accepted through this transport instance, most recent {@code capacity}
 * only. Lets {@link ResendTransport#lookup} answer {@code DELIVERED} for what this process itself
 * saw accepted; it is lost with the process, which is fine because the idempotency key covers the
 * restart case.
 *
 * <p>Thread-safe: every access holds the instance lock (the critical sections are a map lookup).
 */
final class AcceptedIds {

  private final Map<String, Boolean> ids;

  AcceptedIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    // Insertion order: the oldest acceptance is forgotten first.
    this.ids =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized void add(String messageId) {
    ids.put(messageId, Boolean.TRUE);
  }

  synchronized boolean contains(String messageId) {
    return ids.containsKey(messageId);
  }
}
