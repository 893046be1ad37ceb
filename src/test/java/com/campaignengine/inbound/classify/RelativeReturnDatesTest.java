package com.campaignengine.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Return days written as a weekday or a relative phrase, in the seven languages, for a notice
 * written and received on Thursday 2026-03-05: "back Monday" is 9 March, "until Friday" the
 * Saturday after it (7 March), "tomorrow" 6 March, "next week" Monday 9 March.
 */
class RelativeReturnDatesTest {

  private static final LocalDate THURSDAY = LocalDate.of(2026, 3, 5);

  private static Optional<LocalDate> find(String text, LocalDate written) {
    return ReturnDates.find(Texts.fold(text), THURSDAY, written);
  }

  private static void check(String text, String expected) {
    Optional<LocalDate> found = find(text, THURSDAY);
    if (expected == null) {
      assertThat(found).as(text).isEmpty();
    } else {
      assertThat(found).as(text).contains(LocalDate.parse(expected));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I will be back Monday                               | 2026-03-09",
        "I'm out of the office and back on Monday            | 2026-03-09",
        "I am out until Friday                               | 2026-03-07",
        "I will be back tomorrow                             | 2026-03-06",
        "I'll be back next week                              | 2026-03-09",
        "I am away until next week                           | 2026-03-09",
        "I will return the day after tomorrow                | 2026-03-07",
        "back Thursday                                       | 2026-03-12",
        "back next Tuesday                                   | 2026-03-10",
      })
  void english(String text, String expected) {
    check(text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Ich bin ab Montag wieder im Büro                    | 2026-03-09",
        "Ich bin zurück am Montag                            | 2026-03-09",
        "Ich bin bis Freitag nicht im Büro                   | 2026-03-07",
        "Ab nächster Woche bin ich wieder erreichbar         | 2026-03-09",
        "Ab morgen wieder im Büro                            | 2026-03-06",
        "Zurück übermorgen                                   | 2026-03-07",
      })
  void german(String text, String expected) {
    check(text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Je suis absente, de retour lundi                    | 2026-03-09",
        "Je serai de retour le lundi                         | 2026-03-09",
        "Absente jusqu'à vendredi                            | 2026-03-07",
        "De retour la semaine prochaine                      | 2026-03-09",
        "Je reviens demain                                   | 2026-03-06",
        "De retour après-demain                              | 2026-03-07",
      })
  void french(String text, String expected) {
    check(text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Estaré de vuelta el lunes                           | 2026-03-09",
        "Fuera de la oficina hasta el viernes                | 2026-03-07",
        "Vuelvo la próxima semana                            | 2026-03-09",
        "Regreso mañana                                      | 2026-03-06",
        "Estaré de vuelta la semana que viene                | 2026-03-09",
      })
  void spanish(String text, String expected) {
    check(text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Ik ben terug op maandag                             | 2026-03-09",
        "Afwezig tot vrijdag                                 | 2026-03-07",
        "Vanaf volgende week ben ik weer aanwezig            | 2026-03-09",
        "Vanaf morgen weer bereikbaar                        | 2026-03-06",
      })
  void dutch(String text, String expected) {
    check(text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Estarei de volta na segunda-feira                   | 2026-03-09",
        "Ausente até sexta-feira                             | 2026-03-07",
        "Volto na próxima semana                             | 2026-03-09",
        "De volta amanhã                                     | 2026-03-06",
        "Estarei de volta na segunda                         | 2026-03-09",
      })
  void portuguese(String text, String expected) {
    check(text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Sono fuori ufficio, di ritorno lunedì               | 2026-03-09",
        "Fuori ufficio fino a venerdì                        | 2026-03-07",
        "Rientro la prossima settimana                       | 2026-03-09",
        "Torno domani                                        | 2026-03-06",
      })
  void italian(String text, String expected) {
    check(text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // A weekday that introduces a date: the date decides, even when it is stale.
        "back on Monday, March 9                             | 2026-03-09",
        "back on Monday, 2 March                             | ",
        "de retour le lundi 16 mars                          | 2026-03-16",
        // Weekdays and "tomorrow" without a back-word, or about leaving, are no return.
        "Monday's meeting is cancelled                       | ",
        "I went on holiday on Monday                         | ",
        "Guten Morgen, ich bin im Urlaub                     | ",
        "I'm out from Monday until Friday                    | 2026-03-07",
        // The first anchored phrase wins, date or not.
        "Back Monday. Urgent matters until 20 March: Bob     | 2026-03-09",
      })
  void weekdays_beside_dates_and_unanchored_words(String text, String expected) {
    check(text, expected);
  }

  @Test
  void days_count_from_the_day_written_and_the_window_still_holds() {
    // Written on Sunday 1 March, read on Thursday: "back Monday" meant 2 March, already past.
    assertThat(find("back Monday", LocalDate.of(2026, 3, 1))).isEmpty();
    // Written on Wednesday: "back tomorrow" was today, Thursday.
    assertThat(find("back tomorrow", LocalDate.of(2026, 3, 4))).contains(THURSDAY);
  }

  @Test
  void the_date_header_gives_the_day_written_in_the_senders_zone() {
    // Thursday 23:30 in California is Friday 07:30 UTC: "tomorrow" is Friday, not Saturday.
    InboundMessage late =
        Mails.parse(
            Mails.eml(
                "From: ann@example.com",
                "Subject: Out of office",
                "Auto-Submitted: auto-replied",
                "Date: Thu, 5 Mar 2026 23:30:00 -0800",
                "",
                "I am out of the office and will be back tomorrow."),
            Instant.parse("2026-03-06T07:30:05Z"));
    assertThat(AutoReplies.detect(late).returnDate()).contains(LocalDate.of(2026, 3, 6));

    // Sunday evening in New York (Monday in UTC): "back Monday" is the next day.
    InboundMessage sunday =
        Mails.parse(
            Mails.eml(
                "From: bob@example.com",
                "Subject: Automatic reply: hello",
                "Date: Sun, 8 Mar 2026 22:00:00 EST",
                "",
                "I'm on vacation, back Monday."),
            Instant.parse("2026-03-09T03:00:05Z"));
    assertThat(AutoReplies.detect(sunday).returnDate()).contains(LocalDate.of(2026, 3, 9));

    // No Date header: the day received (UTC).
    InboundMessage undated =
        Mails.parse(
            Mails.eml(
                "From: bob@example.com",
                "Subject: Automatic reply: hello",
                "",
                "I'm on vacation, back Monday."),
            Instant.parse("2026-03-09T03:00:05Z"));
    assertThat(AutoReplies.detect(undated).returnDate()).contains(LocalDate.of(2026, 3, 16));
  }

  @Test
  void date_headers_are_read_with_their_own_offset_or_not_at_all() {
    assertThat(DateHeaders.localDay("Thu, 5 Mar 2026 23:30:00 -0800"))
        .contains(LocalDate.of(2026, 3, 5));
    assertThat(DateHeaders.localDay("5 Mar 2026 23:30 +0100 (CET)"))
        .contains(LocalDate.of(2026, 3, 5));
    assertThat(DateHeaders.localDay("Thu, 5 Mar 2026 23:30:00 PDT"))
        .contains(LocalDate.of(2026, 3, 5));
    assertThat(DateHeaders.localDay("yesterday")).isEmpty();
    assertThat(DateHeaders.localDay(null)).isEmpty();
  }
}
