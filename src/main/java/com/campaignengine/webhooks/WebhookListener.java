package com.campaignengine.webhooks;

/**
 * Hook on what the dispatcher does, for metrics and tests; called on the dispatcher's and the HTTP
 * client's threads, so implementations must be thread-safe and quick. Methods are no-op defaults.
 */
public interface WebhookListener {
  WebhookListener NONE = new WebhookListener() {};

  /**
   * One delivery attempt finished and was recorded: {@code outcome} is {@code delivered}, {@code
   * retry}, {@code failed} or {@code gone}; {@code recorded} is false when the claim had been taken
   * over meanwhile (its lease ended), so the result was dropped.
   */
  default void onAttempt(String eventType, String outcome, boolean recorded) {}
}
