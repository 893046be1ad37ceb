package com.campaignengine.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one reader of {@code Retry-After} (RFC 9110) for every provider and the outbound webhooks:
 * delta-seconds or an HTTP-date. Malformed, negative or absurd values (over a year) count as
 * absent, so a broken header never turns into a nonsense delay; a date in the past is no wait.
 * Where a provider reads it differently, the variant is here too and says why. Stateless.
 */
public final class RetryAfterHeader {

  /** An upper bound on what we accept from a header: a year is surely a broken value. */
  private static final long MAX_SECONDS = 366L * 24 * 3600;

  private RetryAfterHeader() {}

  /** The wait the header asks for, from {@code now}. */
  public static Optional<Duration> parse(Optional<String> header, Instant now) {
    return parse(header, now, false);
  }

  /** The wait a JDK client's response asks for in its {@code Retry-After} header. */
  public static Optional<Duration> parse(HttpHeaders headers, Instant now) {
    return parse(headers.firstValue("retry-after"), now);
  }

  /**
   * Gmail's reading: a negative number of seconds is no wait rather than a broken header. The Gmail
   * adapter reads the wait as the time left until Google's limit lifts, so a negative value is a
   * moment already past, like a date that has passed (no wait); if it counted as absent, a
   * rate-limited send would wait the adapter's default (a minute, a day for daily quotas) for a
   * limit that is already over.
   */
  public static Optional<Duration> parseNegativeAsNoWait(Optional<String> header, Instant now) {
    return parse(header, now, true);
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

  /** The header {@code name} of a JDK client's response as whole seconds, if it is that. */
  public static Optional<Duration> seconds(HttpHeaders headers, String name) {
    return headers.firstValue(name).flatMap(v -> seconds(v.strip()));
  }

  private static Optional<Duration> parse(
      Optional<String> header, Instant now, boolean negativeAsNoWait) {
    Optional<String> value = header.map(String::strip).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (negativeAsNoWait && value.get().matches("-[0-9]{1,18}")) {
      return Optional.of(Duration.ZERO);
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
}
