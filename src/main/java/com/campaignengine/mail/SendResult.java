package com.campaignengine.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * Outcome of {@link MailTransport#send}, classified so the engine knows what to do next. Reasons
 * are short, operator-facing texts (provider status lines); they never contain message bodies.
 */
public sealed interface SendResult
    permits SendResult.Sent,
        SendResult.RetryableFailure,
        SendResult.PermanentFailure,
        SendResult.AuthFailure,
        SendResult.RateLimited {
  /** The result's kind, for metrics and logs: sent, retryable, permanent, auth or rate_limited. */
  default String kind() {
    if (this instanceof Sent) {
      return "sent";
    }
    if (this instanceof RetryableFailure) {
      return "retryable";
    }
    if (this instanceof PermanentFailure) {
      return "permanent";
    }
    return this instanceof AuthFailure ? "auth" : "rate_limited";
  }

  /** Whether the provider accepted the message. */
  default boolean isSent() {
    return this instanceof Sent;
  }

  /**
   * The provider accepted the message.
   *
   * @param providerMessageId the provider's own id (queue id, file name, ...), for support cases
   * @param threadId the provider's thread id (Gmail's {@code threadId}) for follow-ups, or null
   */
  record Sent(String providerMessageId, String threadId) implements SendResult {
    public Sent {
      Objects.requireNonNull(providerMessageId, "providerMessageId");
    }

    /** Accepted by a provider without threads. */
    public Sent(String providerMessageId) {
      this(providerMessageId, null);
    }
  }

  /**
   * A transient problem (timeout, 4xx, disk full): the same message may succeed later.
   *
   * @param reason what went wrong
   * @param retryAfter the provider's requested back-off, or {@code null} to let the caller choose
   */
  record RetryableFailure(String reason, Duration retryAfter) implements SendResult {
    public RetryableFailure {
      Objects.requireNonNull(reason, "reason");
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative");
      }
    }
  }

  /** The message will never be accepted (bad recipient, 5xx, malformed): do not retry it. */
  record PermanentFailure(String reason) implements SendResult {
    public PermanentFailure {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The provider rejected our credentials: every message of this sender will fail the same way, so
   * the caller should pause the sender rather than burn through its queue.
   */
  record AuthFailure(String reason) implements SendResult {
    public AuthFailure {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The sender is over a provider limit (Gmail's {@code userRateLimitExceeded} or {@code
   * dailyLimitExceeded}, Resend's 429): not the message's fault and not an attempt. The caller
   * defers the whole mailbox until {@code resetAfter} has passed.
   *
   * @param reason the provider's words
   * @param resetAfter how long until the limit resets (the provider's hint, or the caller's guess)
   */
  record RateLimited(String reason, Duration resetAfter) implements SendResult {
    public RateLimited {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(resetAfter, "resetAfter");
      if (resetAfter.isNegative()) {
        throw new IllegalArgumentException("resetAfter must not be negative");
      }
    }
  }
}
