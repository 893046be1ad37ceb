package com.campaignengine.schedule;

import static com.campaignengine.schedule.BusinessTime.afterWait;
import static com.campaignengine.schedule.BusinessTime.isOpen;
import static com.campaignengine.schedule.BusinessTime.nextOpening;
import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.campaign.SendingWindow;
import com.campaignengine.campaign.WaitUnit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of {@link BusinessTime} over random instants in 2024-2030, zones with unusual rules
 * (half-hour DST, 45-minute offsets, southern hemisphere, no DST) and random windows on whole
 * quarter hours. Half of the instants lie within 36 hours of one of the zone's transitions, so gaps
 * and overlaps are hit often rather than by luck.
 */
class BusinessTimePropertiesTest {

  private static final int TRIES = 1000;
  private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("2030-12-31T23:59:59Z");
  private static final Duration QUARTER = Duration.ofMinutes(15);

  private static final List<ZoneId> ZONES =
      Stream.of(
              "America/New_York",
              "Europe/Berlin",
              "Asia/Kolkata",
              "Australia/Lord_Howe",
              "UTC",
              "America/Sao_Paulo",
              "Pacific/Chatham")
          .map(ZoneId::of)
          .toList();

  private static final Map<ZoneId, List<ZoneOffsetTransition>> TRANSITIONS =
      ZONES.stream().collect(Collectors.toMap(Function.identity(), zone -> transitions(zone)));

  /** An instant to be read in a zone. */
  record Moment(ZoneId zone, Instant instant) {
    ZonedDateTime local() {
      return instant.atZone(zone);
    }
  }

  /** A spring-forward transition of a zone. */
  record Gap(ZoneId zone, ZoneOffsetTransition transition) {}

  // ---------------------------------------------------------------- nextOpening

  @Property(tries = TRIES)
  void next_opening_is_not_before_the_instant_is_open_and_is_idempotent(
      @ForAll("moments") Moment moment, @ForAll("windows") SendingWindow window) {
    Instant opening = nextOpening(window, moment.instant(), moment.zone());

    assertThat(opening).isAfterOrEqualTo(moment.instant());
    assertThat(isOpen(window, opening, moment.zone())).isTrue();
    assertThat(nextOpening(window, opening, moment.zone())).isEqualTo(opening);
    if (isOpen(window, moment.instant(), moment.zone())) {
      assertThat(opening).isEqualTo(moment.instant());
    }
  }

  /**
   * Every UTC offset of these zones, every transition and every window edge lies on a quarter hour,
   * so openness can only change at a UTC quarter-hour mark: checking each mark between the instant
   * and the opening (plus the minute and nanosecond right before it) checks every minute.
   */
  @Property(tries = TRIES)
  void there_is_no_earlier_open_instant(
      @ForAll("moments") Moment moment, @ForAll("windows") SendingWindow window) {
    Instant from = moment.instant();
    Instant opening = nextOpening(window, from, moment.zone());
    if (!opening.isAfter(from)) {
      return;
    }
    List<Instant> probes = new ArrayList<>();
    Instant mark = from.truncatedTo(ChronoUnit.HOURS);
    while (!mark.isAfter(from)) {
      mark = mark.plus(QUARTER);
    }
    for (; mark.isBefore(opening); mark = mark.plus(QUARTER)) {
      probes.add(mark);
    }
    probes.add(from.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES));
    probes.add(opening.minus(Duration.ofMinutes(1)));
    probes.add(opening.minusNanos(1));
    assertThat(probes.size()).isLessThan(16 * 24 * 4);

    for (Instant probe : probes) {
      if (probe.isAfter(from) && probe.isBefore(opening)) {
        assertThat(isOpen(window, probe, moment.zone()))
            .as("open at %s, before the computed opening %s", probe, opening)
            .isFalse();
      }
    }
  }

  // ---------------------------------------------------------------- afterWait

  @Property(tries = TRIES)
  void minutes_and_hours_are_exact_durations(
      @ForAll("moments") Moment moment,
      @ForAll @IntRange(max = 30) int duration,
      @ForAll("windows") SendingWindow window) {
    Instant from = moment.instant();
    assertThat(afterWait(from, duration, WaitUnit.MINUTES, moment.zone(), window, false))
        .isEqualTo(from.plus(Duration.ofMinutes(duration)));
    assertThat(afterWait(from, duration, WaitUnit.HOURS, moment.zone(), window, false))
        .isEqualTo(from.plus(Duration.ofHours(duration)));
  }

  @Property(tries = TRIES)
  void days_land_exactly_that_many_dates_later_at_the_same_local_time_unless_it_does_not_exist(
      @ForAll("moments") Moment moment, @ForAll @IntRange(max = 30) int duration) {
    ZonedDateTime from = moment.local();
    ZonedDateTime result =
        afterWait(moment.instant(), duration, WaitUnit.DAYS, moment.zone(), null, false)
            .atZone(moment.zone());

    assertThat(result.toLocalDate()).isEqualTo(from.toLocalDate().plusDays(duration));
    assertSameLocalTimeOrShiftedByGap(from, result);
  }

  /** Aims {@code from} so that the target local time falls inside a spring-forward gap. */
  @Property(tries = TRIES)
  void days_onto_a_time_inside_a_gap_move_forward_by_the_gap_length(
      @ForAll("gaps") Gap gap,
      @ForAll @IntRange(min = 1, max = 30) int duration,
      @ForAll @IntRange(max = 59) int minutesIntoGap) {
    ZoneOffsetTransition transition = gap.transition();
    LocalDateTime target =
        transition
            .getDateTimeBefore()
            .plusMinutes(minutesIntoGap % transition.getDuration().toMinutes());
    Instant from = ZonedDateTime.of(target.minusDays(duration), gap.zone()).toInstant();

    Instant result = afterWait(from, duration, WaitUnit.DAYS, gap.zone(), null, false);

    assertThat(result.atZone(gap.zone()).toLocalDateTime())
        .isEqualTo(target.plus(transition.getDuration()));
  }

  @Property(tries = TRIES)
  void business_days_land_on_the_nth_window_day_after_the_start_date_at_the_same_local_time(
      @ForAll("moments") Moment moment,
      @ForAll("windows") SendingWindow window,
      @ForAll @IntRange(max = 30) int duration) {
    ZonedDateTime from = moment.local();
    Instant result =
        afterWait(moment.instant(), duration, WaitUnit.BUSINESS_DAYS, moment.zone(), window, false);
    if (duration == 0) {
      assertThat(result).isEqualTo(moment.instant());
      return;
    }
    ZonedDateTime local = result.atZone(moment.zone());

    assertThat(window.days()).contains(local.getDayOfWeek());
    long windowDaysBetween =
        from.toLocalDate()
            .plusDays(1)
            .datesUntil(local.toLocalDate().plusDays(1))
            .filter(date -> window.days().contains(date.getDayOfWeek()))
            .count();
    assertThat(windowDaysBetween).isEqualTo(duration);
    assertSameLocalTimeOrShiftedByGap(from, local);
  }

  @Property(tries = TRIES)
  void business_hours_only_is_always_open_and_never_earlier(
      @ForAll("moments") Moment moment,
      @ForAll("windows") SendingWindow window,
      @ForAll WaitUnit unit,
      @ForAll @IntRange(max = 30) int duration) {
    Instant plain = afterWait(moment.instant(), duration, unit, moment.zone(), window, false);
    Instant inHours = afterWait(moment.instant(), duration, unit, moment.zone(), window, true);

    assertThat(isOpen(window, inHours, moment.zone())).isTrue();
    assertThat(inHours).isAfterOrEqualTo(plain);
    assertThat(inHours).isEqualTo(nextOpening(window, plain, moment.zone()));
  }

  @Property(tries = TRIES / 4)
  void without_a_window_business_hours_only_changes_nothing(
      @ForAll("moments") Moment moment,
      @ForAll WaitUnit unit,
      @ForAll @IntRange(max = 30) int duration) {
    assertThat(afterWait(moment.instant(), duration, unit, moment.zone(), null, true))
        .isEqualTo(afterWait(moment.instant(), duration, unit, moment.zone(), null, false));
  }

  private static void assertSameLocalTimeOrShiftedByGap(ZonedDateTime from, ZonedDateTime result) {
    LocalDateTime wanted = result.toLocalDate().atTime(from.toLocalTime());
    List<ZoneOffset> offsets = from.getZone().getRules().getValidOffsets(wanted);
    if (offsets.isEmpty()) {
      Duration gap = from.getZone().getRules().getTransition(wanted).getDuration();
      assertThat(result.toLocalDateTime()).isEqualTo(wanted.plus(gap));
    } else {
      assertThat(result.toLocalTime()).isEqualTo(from.toLocalTime());
    }
  }

  // ---------------------------------------------------------------- generators

  @Provide
  Arbitrary<Moment> moments() {
    return Arbitraries.of(ZONES)
        .flatMap(
            zone ->
                Arbitraries.oneOf(List.of(anyInstant(), nearTransition(zone)))
                    .map(instant -> new Moment(zone, instant)));
  }

  @Provide
  Arbitrary<SendingWindow> windows() {
    // Half of the windows start in the small hours, where DST transitions happen.
    Arbitrary<Integer> startQuarter =
        Arbitraries.oneOf(
            List.of(Arbitraries.integers().between(0, 95), Arbitraries.integers().between(0, 16)));
    Arbitrary<Integer> lengthQuarters = Arbitraries.integers().between(1, 96);
    return Combinators.combine(
            Arbitraries.subsetOf(DayOfWeek.values()).ofMinSize(1), startQuarter, lengthQuarters)
        .as(
            (days, start, length) ->
                new SendingWindow(days, quarter(start), quarter(Math.min(96, start + length))));
  }

  @Provide
  Arbitrary<Gap> gaps() {
    return Arbitraries.of(
        ZONES.stream()
            .flatMap(zone -> TRANSITIONS.get(zone).stream().map(t -> new Gap(zone, t)))
            .filter(gap -> gap.transition().isGap())
            .toList());
  }

  private static Arbitrary<Instant> anyInstant() {
    return Arbitraries.longs()
        .between(FIRST.getEpochSecond(), LAST.getEpochSecond())
        .map(Instant::ofEpochSecond);
  }

  /** Within a day and a half of a transition of the zone; any instant if the zone has none. */
  private static Arbitrary<Instant> nearTransition(ZoneId zone) {
    List<ZoneOffsetTransition> transitions = TRANSITIONS.get(zone);
    if (transitions.isEmpty()) {
      return anyInstant();
    }
    long near = Duration.ofHours(36).toSeconds();
    return Combinators.combine(
            Arbitraries.of(transitions), Arbitraries.longs().between(-near, near))
        .as((transition, seconds) -> transition.getInstant().plusSeconds(seconds));
  }

  private static LocalTime quarter(int quarters) {
    return quarters == 96 ? LocalTime.MAX : LocalTime.MIDNIGHT.plus(QUARTER.multipliedBy(quarters));
  }

  private static List<ZoneOffsetTransition> transitions(ZoneId zone) {
    List<ZoneOffsetTransition> found = new ArrayList<>();
    for (ZoneOffsetTransition t = zone.getRules().nextTransition(FIRST);
        t != null && t.getInstant().isBefore(LAST);
        t = zone.getRules().nextTransition(t.getInstant())) {
      found.add(t);
    }
    return List.copyOf(found);
  }
}
