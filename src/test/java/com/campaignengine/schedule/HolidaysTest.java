package com.campaignengine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.WaitUnit;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Closed dates (holidays, blackouts) in windows and business days, and the shipped presets. */
class HolidaysTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final SendingWindow NINE_TO_FIVE =
      new SendingWindow(SendingWindow.WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0));
  private static final Set<LocalDate> CHRISTMAS =
      Set.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25));

  @Test
  void a_closed_date_keeps_the_window_shut_all_day() {
    SendingWindow window = NINE_TO_FIVE.closedOn(CHRISTMAS);
    Instant thursdayNoon = Instant.parse("2026-12-24T17:00:00Z");
    assertThat(BusinessTime.isOpen(NINE_TO_FIVE, thursdayNoon, NEW_YORK)).isTrue();
    assertThat(BusinessTime.isOpen(window, thursdayNoon, NEW_YORK)).isFalse();
    assertThat(BusinessTime.nextOpening(window, Instant.parse("2026-12-23T22:30:00Z"), NEW_YORK))
        .as("Wednesday 17:30 → Monday 09:00, past Christmas Eve, Christmas and the weekend")
        .isEqualTo(Instant.parse("2026-12-28T14:00:00Z"));
  }

  @Test
  void closed_dates_are_not_business_days() {
    SendingWindow window = NINE_TO_FIVE.closedOn(CHRISTMAS);
    Instant wednesday = Instant.parse("2026-12-23T15:00:00Z");
    assertThat(
            BusinessTime.afterWait(wednesday, 1, WaitUnit.BUSINESS_DAYS, NEW_YORK, window, false))
        .isEqualTo(Instant.parse("2026-12-28T15:00:00Z"));
    assertThat(
            BusinessTime.afterWait(wednesday, 2, WaitUnit.BUSINESS_DAYS, NEW_YORK, window, false))
        .isEqualTo(Instant.parse("2026-12-29T15:00:00Z"));
    assertThat(
            BusinessTime.afterWait(
                wednesday, 1, WaitUnit.BUSINESS_DAYS, NEW_YORK, NINE_TO_FIVE, false))
        .as("without holidays Thursday is the next business day")
        .isEqualTo(Instant.parse("2026-12-24T15:00:00Z"));
  }

  @Test
  void a_long_run_of_closed_dates_is_searched_past() {
    Set<LocalDate> closed = new java.util.TreeSet<>();
    for (LocalDate d = LocalDate.of(2026, 7, 1);
        d.isBefore(LocalDate.of(2026, 9, 1));
        d = d.plusDays(1)) {
      closed.add(d);
    }
    SendingWindow summerBreak = NINE_TO_FIVE.closedOn(closed);
    assertThat(
            BusinessTime.nextOpening(summerBreak, Instant.parse("2026-07-01T12:00:00Z"), NEW_YORK))
        .isEqualTo(Instant.parse("2026-09-01T13:00:00Z"));
  }

  @Test
  void country_presets_come_from_the_shipped_tables() {
    Set<LocalDate> us =
        HolidayCalendars.dates("US", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    assertThat(us)
        .contains(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 1, 1));
    assertThat(us).doesNotContain(LocalDate.of(2026, 11, 27));
    Set<LocalDate> bavaria =
        HolidayCalendars.dates("DE-BY", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    assertThat(bavaria).contains(LocalDate.of(2026, 1, 6), LocalDate.of(2026, 10, 3));
    assertThat(HolidayCalendars.isKnown("GB")).isTrue();
    assertThat(HolidayCalendars.isKnown("us-ny")).isTrue();
    assertThat(HolidayCalendars.isKnown("XX")).isFalse();
    assertThat(HolidayCalendars.isKnown("US-ZZ")).isFalse();
    assertThat(HolidayCalendars.isKnown("../etc")).isFalse();
  }
}
