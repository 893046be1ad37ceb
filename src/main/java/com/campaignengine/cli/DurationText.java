package com.campaignengine.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as people write it on a command line: {@code 0}, a whole number with a unit ({@code
 * 90s}, {@code 30m}, {@code 4h}, {@code 2d}) or ISO-8601 ({@code PT4H}, {@code P1D}).
 */
final class DurationText {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*([smhd])");

  private DurationText() {}

  /**
   * @throws IllegalArgumentException if {@code text} is none of the forms above, or negative
   */
  static Duration parse(String text) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    Matcher shortForm = SHORT.matcher(value);
    if (shortForm.matches()) {
      long amount = Long.parseLong(shortForm.group(1));
      return switch (shortForm.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
      if (parsed.isNegative()) {
        throw new IllegalArgumentException("a duration must not be negative: " + text);
      }
      return parsed;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (write e.g. 4h, 30m, 2d, PT4H or 0)", e);
    }
  }
}
