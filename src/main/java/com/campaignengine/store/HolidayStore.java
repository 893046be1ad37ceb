package com.campaignengine.store;

import com.campaignengine.campaign.Holidays;
import java.time.Instant;

/** A workspace's own holidays, closed for every campaign of the workspace. */
public interface HolidayStore {
  Holidays workspaceHolidays(long workspaceId);

  void setWorkspaceHolidays(long workspaceId, Holidays holidays, Instant now);
}
