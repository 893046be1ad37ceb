package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.readmodel.DailyStats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A campaign's figures day by day, in its time zone: emails sent, unique opens and clicks by
 * people, unique replies, and enrollments ended by a bounce or an unsubscribe.
 */
final class DailySeries {

  /**
   * A send is never created after it is sent, so {@code created_at < end} bounds the scan of
   * email_sends_campaign_created_idx (V023) without changing the count.
   */
  private static final String SENT_PER_DAY =
      """
      SELECT (s.sent_at AT TIME ZONE ?)::date AS day, count(*) AS n
        FROM email_sends s,
             (SELECT ?::bigint AS campaign_id, ?::timestamptz AS start_at, ?::timestamptz AS end_at) r
       WHERE s.campaign_id = r.campaign_id AND s.status = 'sent'
         AND s.sent_at >= r.start_at AND s.sent_at < r.end_at
         AND s.created_at < r.end_at
       GROUP BY 1
      """;

  private static final String EVENTS_PER_DAY =
      """
      SELECT (occurred_at AT TIME ZONE ?)::date AS day, event_type,
             count(DISTINCT enrollment_id) AS n
        FROM email_events
       WHERE campaign_id = ? AND NOT likely_machine AND occurred_at >= ? AND occurred_at < ?
       GROUP BY 1, 2
      """;

  private static final String REPLIES_PER_DAY =
      """
      SELECT (received_at AT TIME ZONE ?)::date AS day, count(DISTINCT enrollment_id) AS n
        FROM email_replies
       WHERE campaign_id = ? AND NOT is_auto_reply AND received_at >= ? AND received_at < ?
       GROUP BY 1
      """;

  private static final String FINISHED_PER_DAY =
      """
      SELECT (finished_at AT TIME ZONE ?)::date AS day, status, count(*) AS n
        FROM campaign_sequence_leads
       WHERE campaign_id = ? AND finished_at >= ? AND finished_at < ?
         AND status IN ('bounced', 'unsubscribed')
       GROUP BY 1, 2
      """;

  // The columns of a day's counts, in the order of DailyStats.Day.
  private static final int SENT = 0;
  private static final int OPENED = 1;
  private static final int CLICKED = 2;
  private static final int REPLIED = 3;
  private static final int BOUNCED = 4;
  private static final int UNSUBSCRIBED = 5;

  /** Which column of the day a row of a per-day query counts in. */
  @FunctionalInterface
  private interface Column {
    int of(ResultSet rs) throws SQLException;
  }

  private final Connection c;
  private final Object[] range;
  private final Map<LocalDate, long[]> days = new TreeMap<>();

  private DailySeries(Connection c, Object[] range, LocalDate from, LocalDate to) {
    this.c = c;
    this.range = range;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      days.put(day, new long[6]);
    }
  }

  /** Days {@code from} to {@code to} inclusive, in the campaign's zone (UTC if it has none). */
  static DailyStats read(Connection c, Campaign campaign, LocalDate from, LocalDate to)
      throws SQLException {
    String zone = campaign.sending().timezone() == null ? "UTC" : campaign.sending().timezone();
    ZoneId zoneId = ZoneId.of(zone);
    Instant start = from.atStartOfDay(zoneId).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zoneId).toInstant();
    DailySeries series =
        new DailySeries(c, new Object[] {zone, campaign.id(), start, end}, from, to);
    series.count(SENT_PER_DAY, rs -> SENT);
    series.count(
        EVENTS_PER_DAY, rs -> "opened".equals(rs.getString("event_type")) ? OPENED : CLICKED);
    series.count(REPLIES_PER_DAY, rs -> REPLIED);
    series.count(
        FINISHED_PER_DAY, rs -> "bounced".equals(rs.getString("status")) ? BOUNCED : UNSUBSCRIBED);
    List<DailyStats.Day> list = new ArrayList<>();
    series.days.forEach(
        (day, n) -> list.add(new DailyStats.Day(day, n[0], n[1], n[2], n[3], n[4], n[5])));
    return new DailyStats(zone, list);
  }

  /** Adds each row's count to its day (days outside the range are left out). */
  private void count(String sql, Column column) throws SQLException {
    Sql.query(
        c,
        sql,
        rs -> {
          long[] counts = days.get(rs.getObject("day", LocalDate.class));
          if (counts != null) {
            counts[column.of(rs)] += rs.getLong("n");
          }
          return true;
        },
        range);
  }
}
