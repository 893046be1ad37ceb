package com.campaignengine.webhooks;

import java.time.Duration;

/** What one POST to a receiver came to. */
sealed interface AttemptResult {

  /** A 2xx answer: delivered. */
  record Accepted(int status) implements AttemptResult {}

  /**
   * Any other answer. {@code retryAfter}: the receiver's {@code Retry-After} on a 429 or 503, else
   * null.
   */
  record Refused(int status, Duration retryAfter) implements AttemptResult {}

  /** No answer: connection refused or reset, timeout, bad address; or it could not be sent. */
  record Unreachable(String error) implements AttemptResult {}
}
