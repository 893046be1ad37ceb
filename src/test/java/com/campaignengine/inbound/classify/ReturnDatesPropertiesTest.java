package com.campaignengine.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever the digits, a return date is never in the past nor more than a year ahead. */
class ReturnDatesPropertiesTest {

  private static final LocalDate RECEIVED = LocalDate.of(2026, 3, 5);

  @Property(tries = 200)
  void any_date_found_lies_in_the_window(
      @ForAll @IntRange(min = 1, max = 40) int day,
      @ForAll @IntRange(min = 1, max = 14) int month,
      @ForAll @IntRange(min = 2020, max = 2030) int year,
      @ForAll @IntRange(min = 0, max = 5) int form) {
    String date =
        switch (form) {
          case 0 -> day + "/" + month + "/" + year;
          case 1 -> day + "." + month + ".";
          case 2 -> year + "-" + month + "-" + day;
          case 3 -> "March " + day;
          case 4 -> day + " de marzo de " + year;
          default -> day + "/" + month;
        };

    for (String phrase : new String[] {"until ", "back on ", "bis ", "de retour le "}) {
      Optional<LocalDate> found = ReturnDates.find(Texts.fold(phrase + date), RECEIVED);
      found.ifPresent(d -> assertThat(d).isBetween(RECEIVED, RECEIVED.plusYears(1)));
    }
  }
}
