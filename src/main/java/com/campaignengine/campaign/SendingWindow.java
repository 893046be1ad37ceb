package com.campaignengine.campaign;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The local days and hours in which a campaign may send, evaluated in the person's time zone.
 * {@code start} is inclusive, {@code end} exclusive; {@code end == LocalTime.MAX} means "until
 * midnight".
 */
public record SendingWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

  /** Every day, all day: no restriction. */
  public static final SendingWindow ALWAYS =
      new SendingWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MAX);

  /** Monday to Friday, the business days used when a campaign sets no window. */
  public static final Set<DayOfWeek> WEEKDAYS =
      EnumSet.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);

  public SendingWindow {
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("a sending window needs at least one day");
    }
    if (start == null || end == null || !start.isBefore(end)) {
      throw new IllegalArgumentException("a sending window's start must be before its end");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  public boolean isAlways() {
    return days.size() == 7 && start.equals(LocalTime.MIDNIGHT) && end.equals(LocalTime.MAX);
  }
}
