package com.campaignengine.campaign;

import java.util.Map;

/**
 * A mailbox that sends on a user's behalf. {@code settings} holds the provider settings without
 * secrets (those stay sealed in the database); {@code settingsVersion} changes whenever either
 * does, so a node rebuilds its transport.
 */
public record Mailbox(
    long id,
    long workspaceId,
    String provider,
    String email,
    String displayName,
    int dailyLimit,
    Integer hourlyLimit,
    int minGapSeconds,
    int maxGapSeconds,
    String status,
    String timezone,
    Map<String, Object> settings,
    int settingsVersion,
    String statusReason) {

  public static final String CONNECTED = "connected";
  public static final String DISCONNECTED = "disconnected";

  public Mailbox {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  public boolean isConnected() {
    return CONNECTED.equals(status);
  }
}
