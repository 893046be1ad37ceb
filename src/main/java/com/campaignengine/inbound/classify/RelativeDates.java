package com.campaignengine.inbound.classify;

import com.campaignengine.inbound.classify.DateMentions.Mention;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds return days written without a date, in folded text ({@link Texts#fold}), in English,
 * German, French, Spanish, Dutch, Portuguese and Italian: a weekday ("monday", "montag", "lundi",
 * "lunes", "maandag", "segunda-feira", "lunedi"), tomorrow and the day after ("tomorrow", "morgen",
 * "demain", "manana", "amanha", "domani"; "ubermorgen", "apres-demain", ...), and next week ("next
 * week", "nachste woche", "la semaine prochaine", "la proxima semana", "volgende week", "proxima
 * semana", "la prossima settimana"). Like {@link DateMentions} it says nothing about what a phrase
 * means; {@link ReturnDates} decides that from the words before it, and resolves it against the day
 * the notice was written.
 */
final class RelativeDates {

  /** What kind of day a phrase names. */
  enum Kind {
    WEEKDAY,
    TOMORROW,
    DAY_AFTER_TOMORROW,
    NEXT_WEEK
  }

  /** One phrase: where it is, its kind, and the weekday for {@link Kind#WEEKDAY} (else null). */
  record Relative(int start, int end, Kind kind, DayOfWeek weekday) {

    /**
     * The day meant, for a notice written on {@code written}. {@code until} ("until Friday") names
     * the last day away, so the day after it; a weekday is the next one after the day written
     * ("back Monday" sent on a Monday is a week later), or that day itself for "until". Tomorrow,
     * the day after and next week (its Monday) name the first day back either way: "away until next
     * week" is back on Monday.
     */
    LocalDate on(LocalDate written, boolean until) {
      return switch (kind) {
        case WEEKDAY ->
            until
                ? written.with(TemporalAdjusters.nextOrSame(weekday)).plusDays(1)
                : written.with(TemporalAdjusters.next(weekday));
        case TOMORROW -> written.plusDays(1);
        case DAY_AFTER_TOMORROW -> written.plusDays(2);
        case NEXT_WEEK -> written.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
      };
    }
  }

  private static final Map<String, DayOfWeek> WEEKDAYS = weekdays();

  private static final Pattern WEEKDAY = Pattern.compile("\\b([a-z]{5,10})(?:[- ]feira)?\\b");

  private static final Pattern DAY_AFTER_TOMORROW =
      Pattern.compile(
          "\\b(?:the day after tomorrow|day after tomorrow|ubermorgen|uebermorgen"
              + "|apres[- ]demain|pasado manana|overmorgen|depois de amanha|dopodomani)\\b");

  private static final Pattern TOMORROW =
      Pattern.compile("\\b(?:tomorrow|morgen|demain|manana|amanha|domani)\\b");

  private static final Pattern NEXT_WEEK =
      Pattern.compile(
          "\\b(?:next week|(?:in der )?(?:nachsten|naechsten|nachste|naechste|nachster|naechster"
              + "|kommende|kommender|kommenden) woche|(?:la )?semaine prochaine"
              + "|(?:la |na )?proxima semana|(?:la )?semana que (?:viene|vem)"
              + "|(?:volgende|komende) week|(?:la )?(?:prossima settimana|settimana prossima))\\b");

  /**
   * Text that may sit between a weekday and the date it introduces ("monday, march 9", "lundi 9
   * mars", "segunda-feira, dia 9"): the date says it all, so the weekday is no phrase of its own.
   */
  private static final Pattern BEFORE_A_DATE =
      Pattern.compile("^[\\s,.(]*(?:(?:the|den|der|le|el|il|de|dia|o|op|em)\\s+)?$");

  private RelativeDates() {}

  /** Every phrase in text order, except weekdays that introduce one of {@code dates}. */
  static List<Relative> in(String folded, List<Mention> dates) {
    List<Relative> all = new ArrayList<>();
    for (Matcher m = WEEKDAY.matcher(folded); m.find(); ) {
      DayOfWeek day = WEEKDAYS.get(m.group(1));
      if (day != null && !introducesDate(folded, m.end(), dates)) {
        all.add(new Relative(m.start(), m.end(), Kind.WEEKDAY, day));
      }
    }
    add(all, DAY_AFTER_TOMORROW.matcher(folded), Kind.DAY_AFTER_TOMORROW);
    add(all, TOMORROW.matcher(folded), Kind.TOMORROW);
    add(all, NEXT_WEEK.matcher(folded), Kind.NEXT_WEEK);
    // Where two overlap ("day after tomorrow" holds "tomorrow") the earlier, longer one wins.
    all.sort(
        Comparator.comparingInt(Relative::start).thenComparing(Relative::end, (a, b) -> b - a));
    List<Relative> kept = new ArrayList<>();
    int end = -1;
    for (Relative relative : all) {
      if (relative.start() >= end) {
        kept.add(relative);
        end = relative.end();
      }
    }
    return kept;
  }

  private static void add(List<Relative> all, Matcher m, Kind kind) {
    while (m.find()) {
      all.add(new Relative(m.start(), m.end(), kind, null));
    }
  }

  private static boolean introducesDate(String folded, int end, List<Mention> dates) {
    for (Mention date : dates) {
      if (date.start() >= end
          && date.start() - end <= 20
          && BEFORE_A_DATE.matcher(folded.substring(end, date.start())).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, DayOfWeek> weekdays() {
    String[][] names = {
      {"monday", "montag", "lundi", "lunes", "maandag", "segunda", "lunedi"},
      {"tuesday", "dienstag", "mardi", "martes", "dinsdag", "terca", "martedi"},
      {"wednesday", "mittwoch", "mercredi", "miercoles", "woensdag", "quarta", "mercoledi"},
      {"thursday", "donnerstag", "jeudi", "jueves", "donderdag", "quinta", "giovedi"},
      {"friday", "freitag", "vendredi", "viernes", "vrijdag", "sexta", "venerdi"},
      {"saturday", "samstag", "sonnabend", "samedi", "sabado", "zaterdag", "sabato"},
      {"sunday", "sonntag", "dimanche", "domingo", "zondag", "domenica"}
    };
    Map<String, DayOfWeek> days = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      for (String name : names[i]) {
        days.put(name, DayOfWeek.of(i + 1));
      }
    }
    return Map.copyOf(days);
  }
}
