package com.campaignengine.mail.resend;

import com.campaignengine.mail.RetryAfterHeader;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads back-off hints from Resend's response headers: {@code retry-after} and Resend's {@code
 * ratelimit-reset} (seconds), both through {@link RetryAfterHeader}. Stateless and thread-safe.
 */
final class RetryAfter {

  private RetryAfter() {}

  /** The {@code retry-after} header as a duration from {@code now}. */
  static Optional<Duration> parse(HttpHeaders headers, Instant now) {
    return RetryAfterHeader.parse(headers.firstValue("retry-after"), now);
  }

  /** A header holding whole seconds, e.g. {@code ratelimit-reset}. */
  static Optional<Duration> seconds(HttpHeaders headers, String name) {
    return headers.firstValue(name).flatMap(v -> RetryAfterHeader.seconds(v.strip()));
  }
}
