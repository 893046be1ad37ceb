package com.campaignengine.campaign;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/**
 * Days without sending, as configured: the public holidays of a country preset ({@code "US"},
 * {@code "DE-BY"}; null for none) and explicit blackout dates. Read in the person's calendar.
 */
public record Holidays(String country, Set<LocalDate> blackoutDates) {
  public static final Holidays NONE = new Holidays(null, Set.of());

  public Holidays {
    blackoutDates =
        blackoutDates == null
            ? Set.of()
            : java.util.Collections.unmodifiableSortedSet(new TreeSet<>(blackoutDates));
  }

  public boolean isEmpty() {
    return country == null && blackoutDates.isEmpty();
  }
}
