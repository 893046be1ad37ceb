package com.campaignengine.mail.resend;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads back-off hints from response headers: {@code retry-after} (seconds, or an HTTP date as RFC
 * 9110 also allows) and Resend's {@code ratelimit-reset} (seconds). Malformed or negative values
 * count as absent, so a broken header never turns into a nonsense delay. Stateless and thread-safe.
 */
final class RetryAfter {

  /** An upper bound on what we accept from a header: a year is surely a broken value. */
  private static final long MAX_SECONDS = 366L * 24 * 3600;

  private RetryAfter() {}

  /** The {@code retry-after} header as a duration from {@code now}. */
  static Optional<Duration> parse(HttpHeaders headers, Instant now) {
    Optional<String> value = headers.firstValue("retry-after").map(String::strip);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> seconds = seconds(value.get());
    if (seconds.isPresent()) {
      return seconds;
    }
    try {
      Instant at =
          ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A header holding whole seconds, e.g. {@code ratelimit-reset}. */
  static Optional<Duration> seconds(HttpHeaders headers, String name) {
    return headers.firstValue(name).flatMap(v -> seconds(v.strip()));
  }

  private static Optional<Duration> seconds(String value) {
    if (value.isEmpty()
        || value.length() > 12
        || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    long seconds = Long.parseLong(value);
    return seconds <= MAX_SECONDS ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
  }
}
