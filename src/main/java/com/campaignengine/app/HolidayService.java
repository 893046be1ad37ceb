package com.campaignengine.app;

import com.campaignengine.campaign.Holidays;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.schedule.HolidayCalendars;
import com.campaignengine.store.HolidayStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

/**
 * Holidays of a whole workspace (every campaign's window is closed on them, as on the campaign's
 * own), and the dates of the country presets shipped with the engine.
 */
public final class HolidayService {
  private final HolidayStore store;
  private final Clock clock;
  private final Runnable changed;

  /** {@code changed}: run after an edit (this node's campaign cache forgets what it read). */
  public HolidayService(HolidayStore store, Clock clock, Runnable changed) {
    this.store = store;
    this.clock = clock;
    this.changed = changed;
  }

  public Holidays workspaceHolidays(long workspaceId) {
    return store.workspaceHolidays(workspaceId);
  }

  public Holidays setWorkspaceHolidays(long workspaceId, Holidays holidays) {
    CampaignValidator.checkHolidays("", holidays);
    store.setWorkspaceHolidays(workspaceId, holidays, clock.instant());
    changed.run();
    return store.workspaceHolidays(workspaceId);
  }

  /** The public holidays of a preset in {@code year}. */
  public Set<LocalDate> presetDates(String preset, int year) {
    if (!HolidayCalendars.isKnown(preset)) {
      throw new NotFoundException("no holiday calendar '" + preset + "'");
    }
    if (year < 1900 || year > 2200) {
      throw new ValidationException("year", "year must be between 1900 and 2200");
    }
    return HolidayCalendars.dates(preset, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
  }
}
