package com.campaignengine.app;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.CampaignStats;
import com.campaignengine.readmodel.DailyStats;
import com.campaignengine.readmodel.MailboxReading;
import com.campaignengine.readmodel.MailboxStats;
import com.campaignengine.readmodel.UpcomingSend;
import com.campaignengine.store.StatsStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Campaign and mailbox statistics, and the scheduler's view of what comes next. */
public final class StatsService {
  /** Longest per-day series: a year. */
  public static final int MAX_DAYS = 366;

  /** Most upcoming executions listed at once. */
  public static final int MAX_UPCOMING = 200;

  private final CampaignService campaigns;
  private final StatsStore stats;
  private final Clock clock;

  public StatsService(CampaignService campaigns, StatsStore stats, Clock clock) {
    this.campaigns = campaigns;
    this.stats = stats;
    this.clock = clock;
  }

  public CampaignStats campaignStats(long workspaceId, long campaignId) {
    campaigns.get(workspaceId, campaignId);
    return stats.campaignStats(workspaceId, campaignId);
  }

  /** The last {@code days} days up to today in the campaign's time zone. */
  public DailyStats daily(long workspaceId, long campaignId, int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new ValidationException("days", "days must be between 1 and " + MAX_DAYS);
    }
    Campaign campaign = campaigns.get(workspaceId, campaignId);
    String timezone = campaign.sending().timezone();
    ZoneId zone = timezone == null ? ZoneId.of("UTC") : ZoneId.of(timezone);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    return stats.daily(workspaceId, campaignId, today.minusDays(days - 1L), today);
  }

  public List<MailboxStats> mailboxes(long workspaceId) {
    return stats.mailboxes(workspaceId, clock.instant());
  }

  /** How well each mailbox of the workspace is read, by mailbox id. */
  public Map<Long, MailboxReading> mailboxReadings(long workspaceId) {
    Map<Long, MailboxReading> readings = new HashMap<>();
    stats.mailboxReadings(workspaceId).forEach(r -> readings.put(r.mailboxId(), r));
    return readings;
  }

  public List<UpcomingSend> upcoming(long workspaceId, long campaignId, int limit) {
    if (limit < 1 || limit > MAX_UPCOMING) {
      throw new ValidationException("limit", "limit must be between 1 and " + MAX_UPCOMING);
    }
    campaigns.get(workspaceId, campaignId);
    return stats.upcoming(workspaceId, campaignId, limit);
  }
}
