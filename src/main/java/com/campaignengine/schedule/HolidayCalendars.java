package com.campaignengine.schedule;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public holidays of a country preset ({@code "US"}, {@code "DE"}, or with a region: {@code
 * "US-NY"}, {@code "DE-BY"}), from the jollyday tables shipped inside the jar. The observed date
 * counts when a holiday is moved (a Sunday holiday observed on Monday).
 */
public final class HolidayCalendars {
  private static final ConcurrentHashMap<String, Set<LocalDate>> CACHE = new ConcurrentHashMap<>();

  private HolidayCalendars() {}

  /** Whether {@code preset} names a country (and region) the tables know. */
  public static boolean isKnown(String preset) {
    Optional<String[]> parts = parts(preset);
    if (parts.isEmpty()) {
      return false;
    }
    if (!HolidayManager.getSupportedCalendarCodes()
        .contains(parts.get()[0].toUpperCase(Locale.ROOT))) {
      return false;
    }
    if (parts.get().length == 1) {
      return true;
    }
    return manager(parts.get()[0]).getCalendarHierarchy().getChildren().containsKey(parts.get()[1]);
  }

  /** The public holidays of {@code preset} from {@code from} to {@code to}, both included. */
  public static Set<LocalDate> dates(String preset, LocalDate from, LocalDate to) {
    String cacheKey = preset.toUpperCase(Locale.ROOT) + "/" + from + "/" + to;
    return CACHE.computeIfAbsent(cacheKey, k -> load(preset, from, to));
  }

  private static Set<LocalDate> load(String preset, LocalDate from, LocalDate to) {
    String[] parts =
        parts(preset).orElseThrow(() -> new IllegalArgumentException("bad preset " + preset));
    String[] region = parts.length == 1 ? new String[0] : new String[] {parts[1]};
    Set<LocalDate> dates = new TreeSet<>();
    for (Holiday holiday :
        manager(parts[0]).getHolidays(from, to, HolidayType.PUBLIC_HOLIDAY, region)) {
      LocalDate day = holiday.getActualDate();
      if (!day.isBefore(from) && !day.isAfter(to)) {
        dates.add(day);
      }
    }
    return Set.copyOf(dates);
  }

  private static HolidayManager manager(String country) {
    return HolidayManager.getInstance(ManagerParameters.create(country));
  }

  private static Optional<String[]> parts(String preset) {
    if (preset == null || !preset.strip().matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,4})?")) {
      return Optional.empty();
    }
    return Optional.of(preset.strip().toLowerCase(Locale.ROOT).split("-"));
  }
}
