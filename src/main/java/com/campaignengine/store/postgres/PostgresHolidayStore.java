package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Holidays;
import com.campaignengine.store.HolidayStore;
import java.time.Instant;

/** {@code workspace_holidays}: one row per workspace that set any. */
public final class PostgresHolidayStore implements HolidayStore {
  private static final String FIND =
      "SELECT holiday_country, blackout_dates FROM workspace_holidays WHERE workspace_id = ?";

  private static final String UPSERT =
      """
      INSERT INTO workspace_holidays (workspace_id, holiday_country, blackout_dates, updated_at)
      VALUES (?, ?, ?::date[], ?)
      ON CONFLICT (workspace_id) DO UPDATE
         SET holiday_country = EXCLUDED.holiday_country,
             blackout_dates = EXCLUDED.blackout_dates, updated_at = EXCLUDED.updated_at
      """;

  private final Database database;

  public PostgresHolidayStore(Database database) {
    this.database = database;
  }

  @Override
  public Holidays workspaceHolidays(long workspaceId) {
    return database.withConnection(
        c -> Sql.queryOne(c, FIND, CampaignReader::holidays, workspaceId).orElse(Holidays.NONE));
  }

  @Override
  public void setWorkspaceHolidays(long workspaceId, Holidays holidays, Instant now) {
    String[] dates = holidays.blackoutDates().stream().map(Object::toString).toArray(String[]::new);
    database.withConnection(
        c -> Sql.update(c, UPSERT, workspaceId, holidays.country(), dates, now));
  }
}
