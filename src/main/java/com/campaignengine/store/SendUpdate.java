package com.campaignengine.store;

/**
 * What the provider said about a send. Recorded whatever happens to the execution's lease: it is a
 * fact about the outside world.
 */
public record SendUpdate(
    long sendId, String status, String providerMessageId, String providerThreadId, String error) {

  public static SendUpdate sent(long sendId, String providerMessageId, String providerThreadId) {
    return new SendUpdate(sendId, "sent", providerMessageId, providerThreadId, null);
  }

  public static SendUpdate failed(long sendId, String error) {
    return new SendUpdate(sendId, "failed", null, null, error);
  }

  public static SendUpdate inDoubt(long sendId, String error) {
    return new SendUpdate(sendId, "in_doubt", null, null, error);
  }
}
