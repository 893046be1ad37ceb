package com.campaignengine.inbound.classify;

import com.campaignengine.inbound.classify.DateMentions.Mention;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Finds the day someone is back, in the folded text of an out-of-office reply.
 *
 * <p>A date counts only when the words right before it say what it is:
 *
 * <ul>
 *   <li>"until X" (until, till, through, bis, jusqu'au, hasta, tot (en met), t/m, até, fino al; or
 *       the end of a range "2 to 9 March", "du 2 au 9 mars", "2-9 März") names the last day away,
 *       so the result is X + 1 day;
 *   <li>"back X" (back on, returning, return, zurück am, wieder am/ab, de retour le, de vuelta el,
 *       terug op, de volta em, di ritorno il, ...) names the first day back: the result is X;
 *   <li>"from/ab/vanaf/op/am X" followed within the same line by a back-word (wieder, weer, terug,
 *       back, de retour, ...): "ab 16.03. bin ich wieder da" gives X.
 * </ul>
 *
 * Weekdays and small words ("on Monday, the", "le", "el", "zum", "o dia") may sit between.
 *
 * <p>The same words before a day written without a date ({@link RelativeDates}) count too: "back
 * Monday", "zurück am Montag", "de retour lundi", "de vuelta el lunes", "terug op maandag", "de
 * volta na segunda-feira", "di ritorno lunedì", "until Friday", "back tomorrow", "back next week".
 * They resolve against the day the notice was written, in the sender's zone (its Date header): a
 * weekday is the next one after it ("until Friday" may be that very Friday, so the Saturday);
 * tomorrow, the day after and next week (its Monday) are the first day back either way. The first
 * anchored date or phrase in the text wins.
 *
 * <p>A date without a year is the next occurrence on or after the day received, except that one
 * which fell within the 30 days before is a stale notice and rejected. Numeric dates are day-first
 * (09/03/2026 is 9 March) in every language, including English, unless the second number is above
 * 12 and the separator a slash (03/25/2026 is 25 March); 03/04/2026 is 3 April even from the US.
 * The window: not before the day received and at most one year after it; dates outside it are
 * skipped and the search goes on. The first anchored date in the window wins. Days are UTC days of
 * the received instant.
 */
final class ReturnDates {

  private static final String FILLER =
      "(?:(?:on|the|of|from|starting|next|this|coming|le|la|el|il|lo|am|ab|den|dem|zum|zur|op"
          + "|vanaf|em|no|na|ao|o|a|dia|de|du|del|dal|des|desde|partir|van|vom|jour|giorno"
          + "|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday"
          + "|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend"
          + "|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miercoles"
          + "|jueves|viernes|sabado|domingo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag"
          + "|zondag|segunda|terca|quarta|quinta|sexta|feira|lunedi|martedi|mercoledi|giovedi"
          + "|venerdi|sabato|domenica)\\b[\\s,.:(-]*)*$";
  private static final String START = "(?:^|[^a-z'])";
  private static final String GAP = "[\\s,.:(]*";

  private static final Pattern UNTIL =
      Pattern.compile(
          START
              + "(?:until|till|til|through|thru|up to and including|bis(?: einschliesslich"
              + "| inklusive| inkl\\.?| und mit)?|jusqu ?' ?(?:au|a|a la)|jusqu (?:au|a)"
              + "|hasta|tot(?: en met)?|t/m|t\\.e\\.m\\.?|ate|fino (?:al|a)|inclusive through)"
              + GAP
              + FILLER);
  private static final Pattern RANGE_END =
      // Short and without a sentence end between, so "... 2 de março. Volto a 9" is no range.
      Pattern.compile(
          "\\d\\.?[^\\n\\d.!?;]{0,12}?\\s(?:to|au|al|a|tot|ate|and)\\s+$|\\d\\s*[-–]\\s*$");
  private static final Pattern BACK =
      Pattern.compile(
          START
              + "(?:back(?: in(?: the)? office| at (?:my desk|work))?|return(?:ing|s)?(?: to"
              + " (?:the )?(?:office|work))?|available again|in the office again|zuruck|zurueck"
              + "|wieder(?: im (?:buro|buero)| erreichbar| verfugbar| da| zuruck| zurueck"
              + "| am arbeitsplatz)?|retour(?: au bureau)?|reviendrai|reviens|serai disponible"
              + "|de vuelta(?: en la oficina)?|regreso(?: a la oficina)?"
              + "|regresare(?: a la oficina)?|volvere(?: a la oficina)?|vuelvo|me reincorporo"
              + "|terug(?: op kantoor)?"
              + "|weer (?:aanwezig|op kantoor|bereikbaar)|de volta(?: ao escritorio)?|volto"
              + "|retorno(?: ao escritorio)?|retornarei(?: ao escritorio)?"
              + "|regresso(?: ao escritorio)?"
              + "|regressarei|di ritorno(?: in ufficio)?|rientro(?: in ufficio)?"
              + "|rientrero(?: in ufficio)?|tornero(?: in ufficio)?|torno(?: in ufficio)?)"
              + GAP
              + FILLER);
  private static final Pattern FROM =
      Pattern.compile(
          START + "(?:ab|vanaf|op|am|a partir d[eu]l?|des le|from|on|dal|desde|em)" + GAP + FILLER);
  private static final Pattern BACK_AFTER =
      // A few words ("bin ich", "ben ik", "i'll be"), never across "and", a negation or another
      // number: "out on 2 March and back on 9 March" must not make 2 March the return.
      Pattern.compile(
          "^(?:(?!\\b(?:and|und|et|y|en|e|but|aber|mais|pero|maar|mas|not|nicht|pas|no|niet|nao"
              + "|non)\\b)[^\\n\\d]){0,30}?"
              + "\\b(?:wieder|zuruck|zurueck|weer|terug|de retour|back|de vuelta|de volta"
              + "|di ritorno|erreichbar|bereikbaar|aanwezig)\\b");

  private static final int LOOK_BEHIND = 80;
  private static final int STALE_DAYS = 30;

  private ReturnDates() {}

  /**
   * The return date in {@code folded} text of a message received (and written) on {@code received}.
   */
  static Optional<LocalDate> find(String folded, LocalDate received) {
    return find(folded, received, received);
  }

  /**
   * The return date in {@code folded} text of a message received on {@code received} and written on
   * {@code written} (the day of its Date header in the sender's own time zone): weekdays,
   * "tomorrow" and "next week" count from the day written.
   */
  static Optional<LocalDate> find(String folded, LocalDate received, LocalDate written) {
    List<Mention> dates = DateMentions.in(folded);
    List<Phrase> phrases = new ArrayList<>();
    for (Mention mention : dates) {
      phrases.add(
          new Phrase(
              mention.start(), mention.end(), daysAfter -> resolve(mention, received, daysAfter)));
    }
    for (RelativeDates.Relative relative : RelativeDates.in(folded, dates)) {
      phrases.add(
          new Phrase(
              relative.start(),
              relative.end(),
              daysAfter -> inWindow(relative.on(written, daysAfter == 1), received)));
    }
    phrases.sort(Comparator.comparingInt(Phrase::start));
    for (Phrase phrase : phrases) {
      String before = folded.substring(Math.max(0, phrase.start() - LOOK_BEHIND), phrase.start());
      String after = folded.substring(phrase.end());
      int daysAfter;
      if (UNTIL.matcher(before).find() || RANGE_END.matcher(before).find()) {
        daysAfter = 1;
      } else if (BACK.matcher(before).find()
          || (FROM.matcher(before).find() && BACK_AFTER.matcher(after).find())) {
        daysAfter = 0;
      } else {
        continue;
      }
      Optional<LocalDate> date = phrase.resolve().apply(daysAfter);
      if (date.isPresent()) {
        return date;
      }
    }
    return Optional.empty();
  }

  /** A date or a relative phrase, and how it resolves given the days after it that count. */
  private record Phrase(int start, int end, IntFunction<Optional<LocalDate>> resolve) {}

  private static Optional<LocalDate> inWindow(LocalDate date, LocalDate received) {
    boolean inWindow = !date.isBefore(received) && !date.isAfter(received.plusYears(1));
    return inWindow ? Optional.of(date) : Optional.empty();
  }

  private static Optional<LocalDate> resolve(Mention m, LocalDate received, int daysAfter) {
    try {
      LocalDate date;
      if (m.year() != 0) {
        date = LocalDate.of(m.year(), m.month(), m.day());
      } else {
        date = nextOccurrence(m.day(), m.month(), received);
        if (date == null) {
          return Optional.empty();
        }
      }
      return inWindow(date.plusDays(daysAfter), received);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The first day-month on or after {@code received}; null when it exists in neither year, or when
   * it fell within the {@value #STALE_DAYS} days before: "back on 2 March" received on 5 March is a
   * stale notice, and reading it as next year's 2 March would pause a sequence for a year.
   */
  private static LocalDate nextOccurrence(int day, int month, LocalDate received) {
    for (int year = received.getYear() - 1; year <= received.getYear() + 1; year++) {
      try {
        LocalDate date = LocalDate.of(year, month, day);
        if (!date.isBefore(received)) {
          return date;
        }
        if (!date.isBefore(received.minusDays(STALE_DAYS))) {
          return null;
        }
      } catch (DateTimeException e) {
        // 29 February in a common year: try the next year.
      }
    }
    return null;
  }
}
