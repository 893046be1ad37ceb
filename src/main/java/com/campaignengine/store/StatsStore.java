package com.campaignengine.store;

import com.campaignengine.readmodel.CampaignStats;
import com.campaignengine.readmodel.DailyStats;
import com.campaignengine.readmodel.MailboxReading;
import com.campaignengine.readmodel.MailboxStats;
import com.campaignengine.readmodel.UpcomingSend;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Counts for the stats API and the dashboard; every query reads one campaign's index ranges. */
public interface StatsStore {
  CampaignStats campaignStats(long workspaceId, long campaignId);

  /**
   * Days {@code from} to {@code to} inclusive, in the campaign's time zone (UTC if it has none).
   */
  DailyStats daily(long workspaceId, long campaignId, LocalDate from, LocalDate to);

  /** Every mailbox of the workspace; "today" is each mailbox's own local day at {@code now}. */
  List<MailboxStats> mailboxes(long workspaceId, Instant now);

  /** How well each mailbox of the workspace is read (reply detection, last read, last error). */
  List<MailboxReading> mailboxReadings(long workspaceId);

  /** The campaign's next pending executions in due order. */
  List<UpcomingSend> upcoming(long workspaceId, long campaignId, int limit);
}
