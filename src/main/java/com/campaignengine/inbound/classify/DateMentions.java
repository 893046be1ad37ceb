package com.campaignengine.inbound.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds calendar dates written in folded text ({@link Texts#fold}) in English, German, French,
 * Spanish, Dutch, Portuguese and Italian: ISO {@code 2026-03-09}, numeric {@code 9/3/2026}, {@code
 * 09.03.} and {@code 9-3-26}, and month names in either order ({@code 9. märz 2026}, {@code 9 de
 * marzo de 2026}, {@code march 9th, 2026}). Says nothing about what a date means; {@link
 * ReturnDates} decides that from the words around it.
 */
final class DateMentions {

  /** One date as written; {@code year} is 0 when absent. */
  record Mention(int start, int end, int day, int month, int year) {}

  private static final Map<String, Integer> MONTHS = months();
  private static final String MONTH =
      MONTHS.keySet().stream()
          .sorted(Comparator.comparingInt(String::length).reversed())
          .map(Pattern::quote)
          .collect(Collectors.joining("|", "(?:", ")"));

  private static final Pattern ISO =
      Pattern.compile("(?<!\\d)(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?!\\d)");
  private static final Pattern NUMERIC =
      Pattern.compile(
          "(?<![\\d./-])(\\d{1,2})([./-])(\\d{1,2})(?:\\2(\\d{4}|\\d{2}))?(?!\\d|[./-]\\d|\\s*"
              + MONTH
              + "\\b)");
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          "(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|eme|e|º|°|\\.)?\\s*(?:of\\s+|de\\s+)?("
              + MONTH
              + ")\\b\\.?(?:\\s*,?\\s*(?:de\\s+|del\\s+)?(\\d{4})(?!\\d))?");

  /**
   * Any word, checked against {@link #MONTHS} in code: a 100-name alternation at every word is
   * slow.
   */
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "\\b([a-z]{3,10})\\b\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?!\\d|:\\d)"
              + "(?:\\s*,?\\s*(\\d{4})(?!\\d))?");

  private DateMentions() {}

  /** Every date mention, in text order; where two readings overlap the earlier, longer wins. */
  static List<Mention> in(String folded) {
    List<Mention> all = new ArrayList<>();
    for (Matcher m = ISO.matcher(folded); m.find(); ) {
      all.add(mention(m, num(m, 4), num(m, 3), num(m, 1)));
    }
    for (Matcher m = NUMERIC.matcher(folded); m.find(); ) {
      int first = num(m, 1);
      int second = num(m, 3);
      boolean slash = m.group(2).equals("/");
      int year = m.group(4) == null ? 0 : normalizeYear(num(m, 4));
      if (slash && first <= 12 && second > 12) {
        // Only a US month-first reading is possible (03/25/2026).
        all.add(mention(m, second, first, year));
      } else {
        all.add(mention(m, first, second, year));
      }
    }
    for (Matcher m = DAY_MONTH.matcher(folded); m.find(); ) {
      all.add(mention(m, num(m, 1), MONTHS.get(m.group(2)), yearOrZero(m, 3)));
    }
    for (Matcher m = MONTH_DAY.matcher(folded); m.find(); ) {
      Integer month = MONTHS.get(m.group(1));
      if (month != null) {
        all.add(mention(m, num(m, 2), month, yearOrZero(m, 3)));
      }
    }
    all.sort(Comparator.comparingInt(Mention::start).thenComparing(Mention::end, (a, b) -> b - a));
    List<Mention> kept = new ArrayList<>();
    int end = -1;
    for (Mention mention : all) {
      if (mention.start() >= end) {
        kept.add(mention);
        end = mention.end();
      }
    }
    return kept;
  }

  private static Mention mention(Matcher m, int day, int month, int year) {
    return new Mention(m.start(), m.end(), day, month, year);
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  private static int yearOrZero(Matcher m, int group) {
    return m.group(group) == null ? 0 : num(m, group);
  }

  private static int normalizeYear(int year) {
    return year < 100 ? 2000 + year : year;
  }

  private static Map<String, Integer> months() {
    String[][] names = {
      {
        "january", "jan", "januar", "janner", "janvier", "janv", "enero", "januari", "janeiro",
        "gennaio"
      },
      {
        "february",
        "feb",
        "februar",
        "fevrier",
        "fevr",
        "fev",
        "febrero",
        "februari",
        "fevereiro",
        "febbraio"
      },
      {"march", "mar", "marz", "maerz", "mrz", "mars", "marzo", "maart", "marco"},
      {"april", "apr", "avril", "avr", "abril", "aprile"},
      {"may", "mai", "mayo", "mei", "maio", "maggio"},
      {"june", "jun", "juni", "juin", "junio", "junho", "giugno"},
      {"july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio"},
      {"august", "aug", "aout", "agosto", "augustus"},
      {"september", "sept", "sep", "septembre", "septiembre", "setiembre", "setembro", "settembre"},
      {"october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "ottobre"},
      {"november", "nov", "novembre", "noviembre", "novembro"},
      {"december", "dec", "dezember", "dez", "decembre", "diciembre", "dezembro", "dicembre"}
    };
    Map<String, Integer> months = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      for (String name : names[i]) {
        months.put(name, i + 1);
      }
    }
    return Map.copyOf(months);
  }
}
