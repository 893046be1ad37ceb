package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Holidays;
import com.campaignengine.schedule.HolidayCalendars;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dates a campaign's window is closed: its own holidays and its workspace's, country presets
 * expanded from last year to two years ahead (a campaign is re-read long before that runs out).
 */
final class ClosedDates {
  private ClosedDates() {}

  static Set<LocalDate> of(Holidays campaign, Holidays workspace) {
    int year = LocalDate.now(ZoneOffset.UTC).getYear();
    LocalDate from = LocalDate.of(year - 1, 1, 1);
    LocalDate to = LocalDate.of(year + 2, 12, 31);
    Set<LocalDate> dates = new TreeSet<>();
    for (Holidays holidays : new Holidays[] {campaign, workspace}) {
      dates.addAll(holidays.blackoutDates());
      if (holidays.country() != null && HolidayCalendars.isKnown(holidays.country())) {
        dates.addAll(HolidayCalendars.dates(holidays.country(), from, to));
      }
    }
    return dates;
  }
}
