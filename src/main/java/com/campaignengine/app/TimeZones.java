package com.campaignengine.app;

import com.campaignengine.failure.ValidationException;
import java.time.DateTimeException;
import java.time.ZoneId;

/** IANA time zone names, checked before they are stored. */
public final class TimeZones {
  private TimeZones() {}

  /** Throws a validation error naming {@code field} unless {@code zone} is null or valid. */
  public static void check(String field, String zone) {
    if (zone == null) {
      return;
    }
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ValidationException(
          field, "unknown time zone '" + zone + "' (use an IANA name such as America/New_York)");
    }
  }
}
