package com.campaignengine.inbound.classify;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The day a message was written, in its sender's own time zone, from its Date header (RFC 5322
 * §3.3: "Mon, 9 Mar 2026 23:30:00 -0800"; the obsolete zone names UT, GMT, EST ... PDT too).
 * Stateless.
 */
final class DateHeaders {

  private static final Pattern COMMENTS = Pattern.compile("\\([^)]*\\)");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Map<String, String> OBSOLETE_ZONES =
      Map.ofEntries(
          Map.entry("UT", "+0000"),
          Map.entry("UTC", "+0000"),
          Map.entry("Z", "+0000"),
          Map.entry("EST", "-0500"),
          Map.entry("EDT", "-0400"),
          Map.entry("CST", "-0600"),
          Map.entry("CDT", "-0500"),
          Map.entry("MST", "-0700"),
          Map.entry("MDT", "-0600"),
          Map.entry("PST", "-0800"),
          Map.entry("PDT", "-0700"));

  private DateHeaders() {}

  /** The local day of a Date header value; empty when absent or unreadable. */
  static Optional<LocalDate> localDay(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = SPACES.matcher(COMMENTS.matcher(value).replaceAll(" ")).replaceAll(" ").strip();
    int lastSpace = text.lastIndexOf(' ');
    if (lastSpace > 0) {
      String zone = OBSOLETE_ZONES.get(text.substring(lastSpace + 1).toUpperCase(Locale.ROOT));
      if (zone != null) {
        text = text.substring(0, lastSpace + 1) + zone;
      }
    }
    try {
      return Optional.of(
          OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
