package com.campaignengine.readmodel;

import java.time.LocalDate;
import java.util.List;

/**
 * A campaign's activity per day in its time zone, every day of the range present (zeros included).
 * Opens, clicks and replies are unique enrollments that day; opens leave out likely machine opens.
 */
public record DailyStats(String timezone, List<Day> days) {

  /** One day's counts. */
  public record Day(
      LocalDate day,
      long sent,
      long opened,
      long clicked,
      long replied,
      long bounced,
      long unsubscribed) {}
}
