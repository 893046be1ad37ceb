package com.campaignengine.schedule;

import static com.campaignengine.campaign.WaitUnit.BUSINESS_DAYS;
import static com.campaignengine.campaign.WaitUnit.DAYS;
import static com.campaignengine.campaign.WaitUnit.HOURS;
import static com.campaignengine.campaign.WaitUnit.MINUTES;
import static com.campaignengine.schedule.BusinessTime.afterWait;
import static com.campaignengine.schedule.BusinessTime.isOpen;
import static com.campaignengine.schedule.BusinessTime.nextOpening;
import static com.campaignengine.schedule.BusinessTime.zoneFor;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.campaignengine.campaign.SendingWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Concrete examples of the time rules. Instants are written with the explicit local offset, so
 * {@code -05:00} in New York reads "EST" and {@code -04:00} reads "EDT".
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BusinessTimeTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

  /** Monday to Friday, 09:00 to 17:00. */
  static final SendingWindow OFFICE = window(SendingWindow.WEEKDAYS, "09:00", "17:00");

  static SendingWindow window(Set<DayOfWeek> days, String start, String end) {
    return new SendingWindow(days, LocalTime.parse(start), LocalTime.parse(end));
  }

  static SendingWindow everyDay(String start, String end) {
    return window(EnumSet.allOf(DayOfWeek.class), start, end);
  }

  static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  @Nested
  class Zone_fallback {

    @Test
    void the_persons_zone_wins_when_it_is_valid() {
      assertThat(zoneFor("Europe/Berlin", "America/New_York")).isEqualTo(BERLIN);
    }

    @Test
    void a_missing_blank_or_invalid_person_zone_falls_back_to_the_campaign_zone() {
      assertThat(zoneFor(null, "America/New_York")).isEqualTo(NEW_YORK);
      assertThat(zoneFor("", "America/New_York")).isEqualTo(NEW_YORK);
      assertThat(zoneFor("   ", "America/New_York")).isEqualTo(NEW_YORK);
      assertThat(zoneFor("Mars/Olympus_Mons", "America/New_York")).isEqualTo(NEW_YORK);
      assertThat(zoneFor("not a zone", "America/New_York")).isEqualTo(NEW_YORK);
    }

    @Test
    void with_neither_zone_valid_it_is_utc() {
      assertThat(zoneFor(null, null)).isEqualTo(ZoneOffset.UTC);
      assertThat(zoneFor("", " ")).isEqualTo(ZoneOffset.UTC);
      assertThat(zoneFor("Nowhere/Land", "Europe/Atlantis")).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void surrounding_whitespace_from_an_import_is_ignored() {
      assertThat(zoneFor(" Asia/Kolkata\n", null)).isEqualTo(KOLKATA);
    }
  }

  @Nested
  class Is_open {

    @Test
    void the_start_is_inclusive_and_the_end_exclusive() {
      assertThat(isOpen(OFFICE, at("2026-03-10T08:59:59-04:00"), NEW_YORK)).isFalse();
      assertThat(isOpen(OFFICE, at("2026-03-10T09:00:00-04:00"), NEW_YORK)).isTrue();
      assertThat(isOpen(OFFICE, at("2026-03-10T16:59:59.999999999-04:00"), NEW_YORK)).isTrue();
      assertThat(isOpen(OFFICE, at("2026-03-10T17:00:00-04:00"), NEW_YORK)).isFalse();
    }

    @Test
    void a_saturday_is_closed_at_any_hour() {
      assertThat(isOpen(OFFICE, at("2026-03-14T10:00-04:00"), NEW_YORK)).isFalse();
    }

    @Test
    void an_end_of_local_time_max_means_open_until_midnight() {
      SendingWindow evenings = everyDay("20:00", "23:59:59.999999999");
      assertThat(evenings.end()).isEqualTo(LocalTime.MAX);

      assertThat(isOpen(evenings, at("2026-03-10T23:59:59.999999999-04:00"), NEW_YORK)).isTrue();
      assertThat(isOpen(evenings, at("2026-03-11T00:00-04:00"), NEW_YORK)).isFalse();
      assertThat(nextOpening(evenings, at("2026-03-11T00:00-04:00"), NEW_YORK))
          .isEqualTo(at("2026-03-11T20:00-04:00"));
    }

    @Test
    void the_same_instant_is_judged_on_each_persons_local_clock() {
      Instant instant = at("2026-03-10T14:00Z"); // 10:00 in New York, 19:30 in Kolkata
      assertThat(isOpen(OFFICE, instant, NEW_YORK)).isTrue();
      assertThat(isOpen(OFFICE, instant, KOLKATA)).isFalse();
    }
  }

  @Nested
  class Next_opening {

    @Test
    void an_open_instant_is_returned_unchanged() {
      Instant tuesdayMorning = at("2026-03-10T10:15:42-04:00");
      assertThat(nextOpening(OFFICE, tuesdayMorning, NEW_YORK)).isEqualTo(tuesdayMorning);
    }

    @Test
    void an_email_due_friday_at_18_in_new_york_waits_for_monday_at_9_est() {
      assertThat(nextOpening(OFFICE, at("2026-01-09T18:00-05:00"), NEW_YORK))
          .isEqualTo(at("2026-01-12T09:00-05:00"))
          .isEqualTo(at("2026-01-12T14:00Z"));
    }

    @Test
    void over_the_spring_forward_weekend_friday_18_est_opens_monday_9_edt() {
      assertThat(nextOpening(OFFICE, at("2026-03-06T18:00-05:00"), NEW_YORK))
          .isEqualTo(at("2026-03-09T09:00-04:00"))
          .isEqualTo(at("2026-03-09T13:00Z"));
    }

    @Test
    void due_before_the_start_it_opens_at_the_start_the_same_day() {
      assertThat(nextOpening(OFFICE, at("2026-03-10T07:15-04:00"), NEW_YORK))
          .isEqualTo(at("2026-03-10T09:00-04:00"));
    }

    @Test
    void due_exactly_at_the_end_it_opens_the_next_window_day() {
      assertThat(nextOpening(OFFICE, at("2026-03-10T17:00-04:00"), NEW_YORK))
          .isEqualTo(at("2026-03-11T09:00-04:00"));
    }

    @Test
    void a_tuesday_and_thursday_window_skips_the_other_days() {
      SendingWindow tueThu = window(EnumSet.of(TUESDAY, THURSDAY), "09:00", "17:00");
      assertThat(nextOpening(tueThu, at("2026-03-11T10:00-04:00"), NEW_YORK)) // Wednesday
          .isEqualTo(at("2026-03-12T09:00-04:00"));
      assertThat(nextOpening(tueThu, at("2026-03-12T17:30-04:00"), NEW_YORK)) // Thursday evening
          .isEqualTo(at("2026-03-17T09:00-04:00"));
    }

    @Test
    void kolkata_opens_on_its_half_hour_offset() {
      assertThat(nextOpening(OFFICE, at("2026-06-05T02:00Z"), KOLKATA)) // Friday 07:30 IST
          .isEqualTo(at("2026-06-05T09:00+05:30"))
          .isEqualTo(at("2026-06-05T03:30Z"));
      assertThat(nextOpening(OFFICE, at("2026-06-05T12:00Z"), KOLKATA)) // Friday 17:30 IST
          .isEqualTo(at("2026-06-08T09:00+05:30"));
    }

    @Test
    void a_start_inside_the_spring_forward_gap_opens_when_the_gap_ends() {
      // 2026-03-08 in New York: 02:00 EST is followed by 03:00 EDT; 02:30 never happens.
      SendingWindow fromHalfPastTwo = everyDay("02:30", "04:00");
      assertThat(nextOpening(fromHalfPastTwo, at("2026-03-08T01:00-05:00"), NEW_YORK))
          .isEqualTo(at("2026-03-08T03:00-04:00"))
          .isEqualTo(at("2026-03-08T07:00Z"));
    }

    @Test
    void a_start_inside_lord_howes_half_hour_gap_opens_when_the_gap_ends() {
      // 2026-10-04 on Lord Howe Island: 02:00 +10:30 is followed by 02:30 +11:00.
      SendingWindow fromQuarterPastTwo = everyDay("02:15", "05:00");
      assertThat(nextOpening(fromQuarterPastTwo, at("2026-10-04T01:00+10:30"), LORD_HOWE))
          .isEqualTo(at("2026-10-04T02:30+11:00"));
    }

    @Test
    void a_window_lying_wholly_in_the_gap_waits_for_its_next_day() {
      SendingWindow sundayNight = window(EnumSet.of(SUNDAY), "02:00", "02:30");
      assertThat(nextOpening(sundayNight, at("2026-03-07T12:00-05:00"), NEW_YORK))
          .isEqualTo(at("2026-03-15T02:00-04:00"));
    }

    @Test
    void a_start_inside_the_fall_back_overlap_uses_the_earlier_occurrence() {
      // 2026-11-01 in New York: 01:00-02:00 happens first in EDT, then again in EST.
      SendingWindow fromHalfPastOne = everyDay("01:30", "03:00");
      assertThat(nextOpening(fromHalfPastOne, at("2026-11-01T00:00-04:00"), NEW_YORK))
          .isEqualTo(at("2026-11-01T01:30-04:00"));
    }

    @Test
    void a_window_closed_by_turning_the_clock_back_reopens_at_the_second_occurrence_of_its_start() {
      // Berlin 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:10 CET is before the 02:30 start.
      SendingWindow fromHalfPastTwo = everyDay("02:30", "04:00");
      assertThat(isOpen(fromHalfPastTwo, at("2026-10-25T02:45+02:00"), BERLIN)).isTrue();
      assertThat(nextOpening(fromHalfPastTwo, at("2026-10-25T02:10+01:00"), BERLIN))
          .isEqualTo(at("2026-10-25T02:30+01:00"));
    }

    @Test
    void a_window_reentered_by_turning_the_clock_back_reopens_at_the_transition() {
      SendingWindow smallHours = everyDay("00:00", "01:30");
      assertThat(nextOpening(smallHours, at("2026-11-01T01:45-04:00"), NEW_YORK))
          .isEqualTo(at("2026-11-01T01:00-05:00"));
    }
  }

  @Nested
  class After_wait {

    @Test
    void minutes_and_hours_are_exact_elapsed_time() {
      Instant from = at("2026-03-10T10:00-04:00");
      assertThat(afterWait(from, 90, MINUTES, NEW_YORK, OFFICE, false))
          .isEqualTo(at("2026-03-10T11:30-04:00"));
      assertThat(afterWait(from, 3, HOURS, NEW_YORK, OFFICE, false))
          .isEqualTo(at("2026-03-10T13:00-04:00"));
    }

    @Test
    void one_day_across_the_us_spring_forward_keeps_09_30_local() {
      Instant result = afterWait(at("2026-03-07T09:30-05:00"), 1, DAYS, NEW_YORK, null, false);
      assertThat(result).isEqualTo(at("2026-03-08T09:30-04:00"));
      assertThat(Duration.between(at("2026-03-07T09:30-05:00"), result)).hasHours(23);
    }

    @Test
    void one_day_across_the_us_fall_back_keeps_09_30_local() {
      Instant result = afterWait(at("2026-10-31T09:30-04:00"), 1, DAYS, NEW_YORK, null, false);
      assertThat(result).isEqualTo(at("2026-11-01T09:30-05:00"));
      assertThat(Duration.between(at("2026-10-31T09:30-04:00"), result)).hasHours(25);
    }

    @Test
    void twenty_four_hours_across_the_same_dst_changes_is_not_the_same_local_time() {
      assertThat(afterWait(at("2026-03-07T09:30-05:00"), 24, HOURS, NEW_YORK, null, false))
          .isEqualTo(at("2026-03-08T10:30-04:00"));
      assertThat(afterWait(at("2026-03-07T09:30-05:00"), 24 * 60, MINUTES, NEW_YORK, null, false))
          .isEqualTo(at("2026-03-08T10:30-04:00"));
      assertThat(afterWait(at("2026-10-31T09:30-04:00"), 24, HOURS, NEW_YORK, null, false))
          .isEqualTo(at("2026-11-01T08:30-05:00"));
    }

    @Test
    void one_day_onto_a_time_that_does_not_exist_moves_forward_by_the_gap() {
      assertThat(afterWait(at("2026-03-07T02:30-05:00"), 1, DAYS, NEW_YORK, null, false))
          .isEqualTo(at("2026-03-08T03:30-04:00"));
    }

    @Test
    void berlin_keeps_the_wall_clock_across_both_2026_changes() {
      assertThat(afterWait(at("2026-03-28T09:30+01:00"), 1, DAYS, BERLIN, null, false))
          .isEqualTo(at("2026-03-29T09:30+02:00"));
      assertThat(afterWait(at("2026-10-24T09:30+02:00"), 1, DAYS, BERLIN, null, false))
          .isEqualTo(at("2026-10-25T09:30+01:00"));
      assertThat(afterWait(at("2026-03-28T09:30+01:00"), 24, HOURS, BERLIN, null, false))
          .isEqualTo(at("2026-03-29T10:30+02:00"));
    }

    @Test
    void lord_howe_keeps_the_wall_clock_across_its_half_hour_shifts() {
      Instant beforeFallBack = at("2026-04-04T09:30+11:00");
      assertThat(afterWait(beforeFallBack, 1, DAYS, LORD_HOWE, null, false))
          .isEqualTo(at("2026-04-05T09:30+10:30"))
          .isEqualTo(beforeFallBack.plus(Duration.ofMinutes(24 * 60 + 30)));

      Instant beforeSpringForward = at("2026-10-03T09:30+10:30");
      assertThat(afterWait(beforeSpringForward, 1, DAYS, LORD_HOWE, null, false))
          .isEqualTo(at("2026-10-04T09:30+11:00"))
          .isEqualTo(beforeSpringForward.plus(Duration.ofMinutes(23 * 60 + 30)));
      assertThat(afterWait(beforeSpringForward, 24, HOURS, LORD_HOWE, null, false))
          .isEqualTo(at("2026-10-04T10:00+11:00"));
    }

    @Test
    void in_kolkata_without_dst_a_day_is_always_24_hours() {
      Instant from = at("2026-03-07T09:30+05:30");
      assertThat(afterWait(from, 1, DAYS, KOLKATA, null, false))
          .isEqualTo(afterWait(from, 24, HOURS, KOLKATA, null, false))
          .isEqualTo(at("2026-03-08T09:30+05:30"));
    }

    @Test
    void business_days_skip_the_weekend() {
      assertThat(afterWait(at("2026-03-13T10:00-04:00"), 1, BUSINESS_DAYS, NEW_YORK, OFFICE, false))
          .as("Friday + 1 = Monday")
          .isEqualTo(at("2026-03-16T10:00-04:00"));
      assertThat(afterWait(at("2026-03-12T10:00-04:00"), 2, BUSINESS_DAYS, NEW_YORK, OFFICE, false))
          .as("Thursday + 2 = Monday")
          .isEqualTo(at("2026-03-16T10:00-04:00"));
      assertThat(afterWait(at("2026-03-11T10:00-04:00"), 5, BUSINESS_DAYS, NEW_YORK, OFFICE, false))
          .as("Wednesday + 5 = next Wednesday")
          .isEqualTo(at("2026-03-18T10:00-04:00"));
      assertThat(
              afterWait(at("2026-03-09T10:00-04:00"), 10, BUSINESS_DAYS, NEW_YORK, OFFICE, false))
          .as("Monday + 10 = Monday two weeks later")
          .isEqualTo(at("2026-03-23T10:00-04:00"));
    }

    @Test
    void business_days_keep_the_local_time_across_the_spring_forward_weekend() {
      assertThat(afterWait(at("2026-03-06T10:00-05:00"), 1, BUSINESS_DAYS, NEW_YORK, OFFICE, false))
          .isEqualTo(at("2026-03-09T10:00-04:00"));
    }

    @Test
    void from_a_saturday_or_sunday_one_business_day_is_monday() {
      assertThat(afterWait(at("2026-03-14T10:00-04:00"), 1, BUSINESS_DAYS, NEW_YORK, OFFICE, false))
          .isEqualTo(at("2026-03-16T10:00-04:00"));
      assertThat(afterWait(at("2026-03-15T10:00-04:00"), 1, BUSINESS_DAYS, NEW_YORK, OFFICE, false))
          .isEqualTo(at("2026-03-16T10:00-04:00"));
      assertThat(afterWait(at("2026-03-14T10:00-04:00"), 2, BUSINESS_DAYS, NEW_YORK, OFFICE, false))
          .isEqualTo(at("2026-03-17T10:00-04:00"));
    }

    @Test
    void zero_business_days_is_the_start_itself_even_on_a_saturday() {
      Instant saturday = at("2026-03-14T10:00-04:00");
      assertThat(afterWait(saturday, 0, BUSINESS_DAYS, NEW_YORK, OFFICE, false))
          .isEqualTo(saturday);
    }

    @Test
    void business_days_of_a_tuesday_and_thursday_window_count_only_those_days() {
      SendingWindow tueThu = window(EnumSet.of(TUESDAY, THURSDAY), "09:00", "17:00");
      assertThat(afterWait(at("2026-03-10T10:00-04:00"), 1, BUSINESS_DAYS, NEW_YORK, tueThu, false))
          .as("Tuesday + 1 = Thursday")
          .isEqualTo(at("2026-03-12T10:00-04:00"));
      assertThat(afterWait(at("2026-03-12T10:00-04:00"), 1, BUSINESS_DAYS, NEW_YORK, tueThu, false))
          .as("Thursday + 1 = next Tuesday")
          .isEqualTo(at("2026-03-17T10:00-04:00"));
      assertThat(afterWait(at("2026-03-11T10:00-04:00"), 1, BUSINESS_DAYS, NEW_YORK, tueThu, false))
          .as("Wednesday + 1 = Thursday")
          .isEqualTo(at("2026-03-12T10:00-04:00"));
      assertThat(afterWait(at("2026-03-10T10:00-04:00"), 4, BUSINESS_DAYS, NEW_YORK, tueThu, false))
          .as("Tuesday + 4 = Tuesday two weeks later")
          .isEqualTo(at("2026-03-24T10:00-04:00"));
    }

    @Test
    void without_a_window_business_days_are_monday_to_friday_and_any_hour_is_fine() {
      assertThat(afterWait(at("2026-03-13T22:00-04:00"), 1, BUSINESS_DAYS, NEW_YORK, null, true))
          .isEqualTo(at("2026-03-16T22:00-04:00"));
    }

    @Test
    void business_hours_only_moves_a_result_at_20_00_to_the_next_morning() {
      assertThat(afterWait(at("2026-03-10T16:00-04:00"), 4, HOURS, NEW_YORK, OFFICE, true))
          .isEqualTo(at("2026-03-11T09:00-04:00"));
      assertThat(afterWait(at("2026-03-09T20:00-04:00"), 1, DAYS, NEW_YORK, OFFICE, true))
          .isEqualTo(at("2026-03-11T09:00-04:00"));
      assertThat(afterWait(at("2026-03-13T16:00-04:00"), 4, HOURS, NEW_YORK, OFFICE, true))
          .as("Friday 20:00 waits for Monday")
          .isEqualTo(at("2026-03-16T09:00-04:00"));
    }

    @Test
    void business_hours_only_leaves_a_result_inside_the_window_alone() {
      assertThat(afterWait(at("2026-03-10T10:00-04:00"), 2, HOURS, NEW_YORK, OFFICE, true))
          .isEqualTo(at("2026-03-10T12:00-04:00"));
    }

    @Test
    void zero_business_days_from_a_saturday_in_business_hours_only_is_monday_morning() {
      assertThat(afterWait(at("2026-03-14T10:00-04:00"), 0, BUSINESS_DAYS, NEW_YORK, OFFICE, true))
          .isEqualTo(at("2026-03-16T09:00-04:00"));
    }

    @Test
    void a_negative_duration_is_rejected() {
      assertThatThrownBy(() -> afterWait(Instant.EPOCH, -1, DAYS, NEW_YORK, OFFICE, false))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
