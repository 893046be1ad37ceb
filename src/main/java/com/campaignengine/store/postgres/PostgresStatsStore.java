package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.readmodel.CampaignStats;
import com.campaignengine.readmodel.DailyStats;
import com.campaignengine.readmodel.MailboxReading;
import com.campaignengine.readmodel.MailboxStats;
import com.campaignengine.readmodel.UpcomingSend;
import com.campaignengine.store.StatsStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Counts for a campaign, grouped in the database. Each query reads one campaign's range of one
 * index (V007), most as index-only scans, so the cost grows with the campaign, not the database.
 * The campaign's totals are in {@link CampaignCounts}, per step in {@link StepFigures}, day by day
 * in {@link DailySeries}; the mailboxes' in {@link MailboxFigures}, the next sends in {@link
 * UpcomingSends}.
 */
public final class PostgresStatsStore implements StatsStore {

  private final Database database;
  private final CampaignReader reader = new CampaignReader();

  public PostgresStatsStore(Database database) {
    this.database = database;
  }

  @Override
  public CampaignStats campaignStats(long workspaceId, long campaignId) {
    return database.withConnection(
        c -> {
          Campaign campaign = campaign(c, workspaceId, campaignId);
          CampaignCounts counts = CampaignCounts.read(c, campaignId);
          return new CampaignStats(
              counts.enrollments(),
              counts.executions(),
              counts.emails(),
              StepFigures.of(c, campaign, counts));
        });
  }

  @Override
  public DailyStats daily(long workspaceId, long campaignId, LocalDate from, LocalDate to) {
    return database.withConnection(
        c -> DailySeries.read(c, campaign(c, workspaceId, campaignId), from, to));
  }

  @Override
  public List<MailboxStats> mailboxes(long workspaceId, Instant now) {
    return database.withConnection(c -> MailboxFigures.read(c, workspaceId, now));
  }

  @Override
  public List<MailboxReading> mailboxReadings(long workspaceId) {
    return database.withConnection(c -> MailboxReadings.read(c, workspaceId, null));
  }

  @Override
  public List<UpcomingSend> upcoming(long workspaceId, long campaignId, int limit) {
    return database.withConnection(
        c -> {
          campaign(c, workspaceId, campaignId);
          return UpcomingSends.read(c, campaignId, limit);
        });
  }

  /** The campaign, if it is in the workspace; every read checks this first. */
  private Campaign campaign(Connection c, long workspaceId, long campaignId) throws SQLException {
    return reader.find(c, campaignId).filter(x -> x.workspaceId() == workspaceId).orElseThrow();
  }
}
