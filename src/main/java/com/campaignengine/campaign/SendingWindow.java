package com.campaignengine.campaign;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local days and hours in which a campaign may send, evaluated in the person's time zone.
 * {@code start} is inclusive, {@code end} exclusive; {@code end == LocalTime.MAX} means "until
 * midnight". {@code closedDates}: local dates on which the window stays shut all day (public
 * holidays, blackout dates); they are not business days either.
 */
public record SendingWindow(
    Set<DayOfWeek> days, LocalTime start, LocalTime end, Set<LocalDate> closedDates) {

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
    closedDates =
        closedDates == null
            ? Set.of()
            : java.util.Collections.unmodifiableSortedSet(new TreeSet<>(closedDates));
  }

  /** A window without holidays. */
  public SendingWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    this(days, start, end, Set.of());
  }

  /** The same days and hours, closed on {@code dates} too. */
  public SendingWindow closedOn(Set<LocalDate> dates) {
    if (dates.isEmpty()) {
      return this;
    }
    Set<LocalDate> all = new TreeSet<>(closedDates);
    all.addAll(dates);
    return new SendingWindow(days, start, end, all);
  }

  public boolean isClosedOn(LocalDate date) {
    return closedDates.contains(date);
  }

  public boolean isAlways() {
    return closedDates.isEmpty()
        && days.size() == 7
        && start.equals(LocalTime.MIDNIGHT)
        && end.equals(LocalTime.MAX);
  }
}
