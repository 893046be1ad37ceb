package com.campaignengine.schedule;

import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.WaitUnit;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Time rules of a sequence: in which zone a person lives, whether a sending window is open, when it
 * opens next, and when a {@code wait} step ends. Pure functions without state, thread-safe.
 *
 * <p>Everything a person perceives ("Monday 9 a.m.", "tomorrow at the same time") is computed on
 * their local wall clock; exact units (minutes, hours) are computed on the timeline. Across a
 * daylight-saving change the two differ on purpose: "1 day" after 09:30 is 09:30 again, "24 hours"
 * after 09:30 is 08:30 or 10:30.
 */
public final class BusinessTime {

  /**
   * How far {@link #nextOpening} looks ahead. Every window has a day each week; two weeks also
   * cover a window whose only weekly opening falls entirely into a DST gap (or a skipped day).
   */
  private static final int SEARCH_DAYS = 15;

  private BusinessTime() {}

  /**
   * The zone in which to evaluate windows for a person: their own zone if it is a valid {@link
   * ZoneId}, else the campaign's, else UTC. {@code null}, blank and unparseable ids count as absent
   * (surrounding whitespace is ignored) because time zones arrive from imports and forms, and a bad
   * value must degrade the schedule, never stop it.
   */
  public static ZoneId zoneFor(String personTimeZone, String campaignTimeZone) {
    return parse(personTimeZone).or(() -> parse(campaignTimeZone)).orElse(ZoneOffset.UTC);
  }

  private static Optional<ZoneId> parse(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(id.strip()));
    } catch (DateTimeException invalid) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code instant} lies in the window, read on the local clock of {@code zone}: the local
   * day is one of the window's days and {@code start <= local time < end}. An end of {@link
   * LocalTime#MAX} means "until midnight", so the last nanosecond of the day is open too.
   */
  public static boolean isOpen(SendingWindow window, Instant instant, ZoneId zone) {
    ZonedDateTime local = instant.atZone(zone);
    LocalTime time = local.toLocalTime();
    return window.days().contains(local.getDayOfWeek())
        && !window.isClosedOn(local.toLocalDate())
        && !time.isBefore(window.start())
        && (window.end().equals(LocalTime.MAX) || time.isBefore(window.end()));
  }

  /**
   * {@code instant} itself if the window is open then, otherwise the earliest later instant at
   * which it is open - normally {@code start} on the same local day (if still ahead) or on the next
   * window day.
   *
   * <p>A closed window can become open only when the local clock reaches {@code start} or when the
   * clock jumps at a UTC-offset transition, so these are the only candidates examined:
   *
   * <ul>
   *   <li>Spring forward: if {@code start} does not exist that day (e.g. 02:30 in New York on
   *       2026-03-08), the window opens at the end of the gap (03:00 EDT), the first instant whose
   *       local time is past {@code start}. A window lying wholly inside the gap (02:00-02:30) does
   *       not open that day at all.
   *   <li>Fall back: if {@code start} occurs twice, the earlier occurrence wins; a window that
   *       closes because the clock is turned back opens again at the second occurrence.
   * </ul>
   */
  public static Instant nextOpening(SendingWindow window, Instant instant, ZoneId zone) {
    if (isOpen(window, instant, zone)) {
      return instant;
    }
    // Each closed date can push the opening back by at most a day of the search.
    int searchDays = SEARCH_DAYS + window.closedDates().size();
    Instant horizon = instant.plus(Duration.ofDays(searchDays + 1L));
    TreeSet<Instant> candidates = new TreeSet<>();
    LocalDate today = instant.atZone(zone).toLocalDate();
    for (int i = -1; i <= searchDays; i++) { // from yesterday: the clock may have been turned back
      ZonedDateTime opening = ZonedDateTime.of(today.plusDays(i), window.start(), zone);
      candidates.add(opening.toInstant());
      candidates.add(opening.withLaterOffsetAtOverlap().toInstant());
    }
    ZoneOffsetTransition transition = zone.getRules().nextTransition(instant);
    while (transition != null && transition.getInstant().isBefore(horizon)) {
      candidates.add(transition.getInstant());
      transition = zone.getRules().nextTransition(transition.getInstant());
    }
    return candidates.tailSet(instant, false).stream()
        .filter(candidate -> isOpen(window, candidate, zone))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("window never opens: " + window));
  }

  /**
   * When a {@code wait} of {@code duration} units that starts at {@code from} ends.
   *
   * <ul>
   *   <li>{@code MINUTES}, {@code HOURS}: exact elapsed time, regardless of the clock.
   *   <li>{@code DAYS}: the same local time {@code duration} calendar days later ({@link
   *       ZonedDateTime#plusDays} semantics): the wall clock is kept across DST; if that time falls
   *       into a gap it moves forward by the gap's length; in an overlap the offset of {@code from}
   *       is kept when possible.
   *   <li>{@code BUSINESS_DAYS}: the same local time on the {@code duration}-th window day
   *       <em>after</em> the local date of {@code from} (the window's days, or Monday-Friday when
   *       {@code window} is null). The start day itself never counts, so a weekend start behaves
   *       like Friday: Fri + 1 = Mon, Thu + 2 = Mon, Sat + 1 = Mon, Sun + 1 = Mon - what a
   *       recruiter means by "follow up one business day later". The window's closed dates
   *       (holidays) are not business days. {@code duration} 0 keeps {@code from}.
   * </ul>
   *
   * <p>Then, if {@code businessHoursOnly}, the result moves to {@link #nextOpening} of the window
   * (no window means always open).
   *
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public static Instant afterWait(
      Instant from,
      int duration,
      WaitUnit unit,
      ZoneId zone,
      SendingWindow window,
      boolean businessHoursOnly) {
    if (duration < 0) {
      throw new IllegalArgumentException("a wait cannot be negative: " + duration);
    }
    Objects.requireNonNull(from, "from");
    Instant result =
        switch (Objects.requireNonNull(unit, "unit")) {
          case MINUTES -> from.plus(Duration.ofMinutes(duration));
          case HOURS -> from.plus(Duration.ofHours(duration));
          case DAYS -> from.atZone(zone).plusDays(duration).toInstant();
          case BUSINESS_DAYS ->
              plusBusinessDays(
                  from.atZone(zone),
                  duration,
                  window == null ? SendingWindow.WEEKDAYS : window.days(),
                  window == null ? Set.of() : window.closedDates());
        };
    return businessHoursOnly
        ? nextOpening(window == null ? SendingWindow.ALWAYS : window, result, zone)
        : result;
  }

  private static Instant plusBusinessDays(
      ZonedDateTime from, int duration, Set<DayOfWeek> days, Set<LocalDate> closed) {
    if (duration == 0) {
      return from.toInstant();
    }
    if (!closed.isEmpty()) { // holidays: count day by day
      LocalDate day = from.toLocalDate();
      for (int remaining = duration; remaining > 0; ) {
        day = day.plusDays(1);
        if (days.contains(day.getDayOfWeek()) && !closed.contains(day)) {
          remaining--;
        }
      }
      return from.plusDays(ChronoUnit.DAYS.between(from.toLocalDate(), day)).toInstant();
    }
    // Any 7 consecutive days hold exactly days.size() business days: skip whole weeks at once.
    long weeks = (duration - 1L) / days.size();
    long remaining = duration - weeks * days.size();
    long offset = 7 * weeks;
    while (remaining > 0) {
      offset++;
      if (days.contains(from.toLocalDate().plusDays(offset).getDayOfWeek())) {
        remaining--;
      }
    }
    return from.plusDays(offset).toInstant();
  }
}
