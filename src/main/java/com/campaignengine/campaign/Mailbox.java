package com.campaignengine.campaign;

/**
 * A mailbox that sends on a user's behalf: its address and name, its status ({@code connected}, or
 * {@code disconnected} with a reason), its sending limits and its connection to the provider.
 */
public record Mailbox(
    long id,
    long workspaceId,
    String email,
    String displayName,
    String status,
    String statusReason,
    MailboxLimits limits,
    MailboxConnection connection) {

  public static final String CONNECTED = "connected";
  public static final String DISCONNECTED = "disconnected";

  public boolean isConnected() {
    return CONNECTED.equals(status);
  }
}
