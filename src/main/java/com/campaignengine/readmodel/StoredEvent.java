package com.campaignengine.readmodel;

import java.time.Instant;
import java.util.List;

/**
 * An event received from the host application ({@code source} {@code api}) or an ATS ({@code
 * greenhouse}, {@code lever}), with its data as a JSON object and the actions it caused.
 */
public record StoredEvent(
    long id,
    long personId,
    String type,
    String source,
    String dataJson,
    List<EventAction> actions,
    Instant receivedAt) {

  public StoredEvent {
    actions = List.copyOf(actions);
  }
}
