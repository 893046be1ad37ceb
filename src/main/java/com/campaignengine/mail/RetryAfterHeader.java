package com.campaignengine.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} value (RFC 9110): delta-seconds or an HTTP-date. Malformed, negative
 * or absurd values (over a year) count as absent, so a broken header never turns into a nonsense
 * delay; a date in the past is no wait. Used by the HTTP providers and outbound webhooks.
 */
public final class RetryAfterHeader {

  /** An upper bound on what we accept from a header: a year is surely a broken value. */
  private static final long MAX_SECONDS = 366L * 24 * 3600;

  private RetryAfterHeader() {}

  /** The wait the header asks for, from {@code now}. */
  public static Optional<Duration> parse(Optional<String> header, Instant now) {
    Optional<String> value = header.map(String::strip).filter(v -> !v.isEmpty());
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

  /** A value of whole seconds (also e.g. {@code ratelimit-reset}); anything else is absent. */
  public static Optional<Duration> seconds(String value) {
    if (value.isEmpty()
        || value.length() > 12
        || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    long seconds = Long.parseLong(value);
    return seconds <= MAX_SECONDS ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
  }
}
