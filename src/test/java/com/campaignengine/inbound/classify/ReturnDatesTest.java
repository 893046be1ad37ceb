package com.campaignengine.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The date rules of {@link ReturnDates}, received on Thursday 2026-03-05. */
class ReturnDatesTest {

  private static final LocalDate RECEIVED = LocalDate.of(2026, 3, 5);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // "back on X" is X; "until X" is X + 1.
        "I will be back on Monday, March 9                 | 2026-03-09",
        "I'm out until March 9, 2026                       | 2026-03-10",
        "out of office until Monday 9th March              | 2026-03-10",
        "returning 09/03/2026                              | 2026-03-09",
        "back in the office on the 12th of March           | 2026-03-12",
        "I will return on 2026-03-09                       | 2026-03-09",
        "away through Mar. 20                              | 2026-03-21",
        "out from March 2 to March 9                       | 2026-03-10",
        "ich bin bis zum 9. März 2026 nicht im Büro        | 2026-03-10",
        "ich bin bis 09.03.2026 abwesend                   | 2026-03-10",
        "bis einschließlich 13.03. nicht erreichbar        | 2026-03-14",
        "Ab dem 16.03. bin ich wieder im Büro              | 2026-03-16",
        "ab 2. März nicht im Büro, wieder am 20. März      | 2026-03-20",
        "Ab dem 9. März nicht im Büro, wieder am 20. März  | 2026-03-20",
        "absent du 2 au 9 mars                             | 2026-03-10",
        "absente jusqu'au 9 mars 2026                      | 2026-03-10",
        "absent jusqu’au vendredi 13 mars inclus           | 2026-03-14",
        "je serai de retour le 09/03/2026                  | 2026-03-09",
        "hasta el 9 de marzo de 2026                       | 2026-03-10",
        "estaré de vuelta el lunes 16 de marzo             | 2026-03-16",
        "afwezig tot 9 maart 2026                          | 2026-03-10",
        "afwezig t/m 13 maart                              | 2026-03-14",
        "Vanaf 16 maart ben ik weer aanwezig               | 2026-03-16",
        "até 9 de março de 2026                            | 2026-03-10",
        "estarei de volta em 16 de março                   | 2026-03-16",
        "fino al 13 marzo                                  | 2026-03-14",
        // Numeric: day-first, unless the second number cannot be a month.
        "back on 03/09/2026                                | 2026-09-03",
        "back on 03/25/2026                                | 2026-03-25",
        "back on 03/04/2026                                | 2026-04-03",
        // No year: the next occurrence, but one that just passed is a stale notice.
        "back on 2 March                                   | ",
        "back on 1 January                                 | 2027-01-01",
        "back on 29 February                               | ",
        // Past or more than a year ahead: rejected.
        "back on 2 March 2026                              | ",
        "back on 9 March 2028                              | ",
        // Unanchored dates and times are not return dates.
        "I went on holiday on 2 March 2026 to Rome         | ",
        "I am out from March 2                             | ",
        "until 10.30 am                                    | ",
        "Out on 2 March and back on 9 March                | 2026-03-09",
      })
  void reads_return_dates(String text, String expected) {
    Optional<LocalDate> found = ReturnDates.find(Texts.fold(text), RECEIVED);

    if (expected == null) {
      assertThat(found).isEmpty();
    } else {
      assertThat(found).contains(LocalDate.parse(expected));
    }
  }
}
