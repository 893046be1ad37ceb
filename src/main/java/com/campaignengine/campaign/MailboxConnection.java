package com.campaignengine.campaign;

import java.util.Map;

/**
 * How a mailbox reaches its provider: the provider's name and its settings without secrets (those
 * stay sealed in the database). {@code settingsVersion} changes whenever the settings or the
 * secrets do, so a node rebuilds its transport.
 */
public record MailboxConnection(
    String provider, Map<String, Object> settings, int settingsVersion) {

  public MailboxConnection {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
