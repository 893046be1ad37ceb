package com.campaignengine.mail.gmail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long Google asks us to wait: the HTTP {@code Retry-After} header (delta-seconds or an
 * HTTP-date) or, for Gmail's per-user limits, the instant in the message {@code "User-rate limit
 * exceeded. Retry after 2024-05-06T12:00:00.000Z (Mail sending)"}. Stateless and thread-safe.
 */
final class RetryAfter {

  private static final Pattern IN_MESSAGE =
      Pattern.compile("Retry after (\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z)", Pattern.CASE_INSENSITIVE);

  private RetryAfter() {}

  /** The header's wait, never negative; empty when absent or unreadable. */
  static Optional<Duration> fromHeader(Optional<String> header, Instant now) {
    if (header.isEmpty() || header.get().isBlank()) {
      return Optional.empty();
    }
    String value = header.get().strip();
    try {
      return Optional.of(nonNegative(Duration.ofSeconds(Long.parseLong(value))));
    } catch (NumberFormatException e) {
      // Not delta-seconds: try the HTTP-date form below.
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(nonNegative(Duration.between(now, at)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The wait until the {@code Retry after <instant>} in Google's message, never negative. */
  static Optional<Duration> fromMessage(String message, Instant now) {
    Matcher m = IN_MESSAGE.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(nonNegative(Duration.between(now, Instant.parse(m.group(1)))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
