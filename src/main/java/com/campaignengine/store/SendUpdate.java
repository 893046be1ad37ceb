package com.campaignengine.store;

/**
 * What the provider said about a send. Recorded whatever happens to the execution's lease: it is a
 * fact about the outside world.
 */
public record SendUpdate(long sendId, String status, String providerMessageId, String error) {

  public static SendUpdate sent(long sendId, String providerMessageId) {
    return new SendUpdate(sendId, "sent", providerMessageId, null);
  }

  public static SendUpdate failed(long sendId, String error) {
    return new SendUpdate(sendId, "failed", null, error);
  }

  public static SendUpdate inDoubt(long sendId, String error) {
    return new SendUpdate(sendId, "in_doubt", null, error);
  }
}
