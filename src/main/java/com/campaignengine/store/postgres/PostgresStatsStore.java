package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Step;
import com.campaignengine.readmodel.CampaignStats;
import com.campaignengine.readmodel.CampaignStats.Emails;
import com.campaignengine.readmodel.DailyStats;
import com.campaignengine.readmodel.MailboxStats;
import com.campaignengine.readmodel.UpcomingSend;
import com.campaignengine.store.StatsStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts for a campaign, grouped in the database. Each query reads one campaign's range of one
 * index (V007), most as index-only scans, so the cost grows with the campaign, not the database.
 */
public final class PostgresStatsStore implements StatsStore {

  private static final String ENROLLMENTS =
      "SELECT status, count(*) AS n FROM campaign_sequence_leads WHERE campaign_id = ? GROUP BY status";

  /** Live executions, plus those retention deleted (their counts kept in the rollups). */
  private static final String EXECUTIONS =
      """
      SELECT step_id, status, sum(n) AS n FROM (
        SELECT step_id, status, count(*) AS n FROM campaign_sequence_executions
         WHERE campaign_id = ? GROUP BY step_id, status
        UNION ALL
        SELECT step_id, status, executions FROM campaign_step_rollups WHERE campaign_id = ?) t
       GROUP BY step_id, status
      """;

  private static final String SENDS =
      "SELECT step_id, status, count(*) AS n FROM email_sends WHERE campaign_id = ? GROUP BY step_id, status";

  /** Unique enrollments per step, and for the whole campaign (the row whose step_id is null). */
  private static final String EVENTS =
      """
      SELECT step_id, event_type,
             count(DISTINCT enrollment_id) FILTER (WHERE NOT likely_machine) AS human,
             count(DISTINCT enrollment_id) AS with_machine
        FROM email_events WHERE campaign_id = ?
       GROUP BY GROUPING SETS ((event_type), (step_id, event_type))
      """;

  private static final String REPLIES =
      """
      SELECT step_id, GROUPING(step_id) AS whole, count(DISTINCT enrollment_id) AS n
        FROM email_replies WHERE campaign_id = ? AND NOT is_auto_reply
       GROUP BY GROUPING SETS ((), (step_id))
      """;

  private static final String SENT_PER_DAY =
      """
      SELECT (sent_at AT TIME ZONE ?)::date AS day, count(*) AS n FROM email_sends
       WHERE campaign_id = ? AND status = 'sent' AND sent_at >= ? AND sent_at < ?
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

  /** sent_today counts the mailbox's quota_day; on a later local day nothing is sent yet. */
  private static final String MAILBOXES =
      """
      SELECT m.id, m.email, m.provider, m.status, m.status_reason, m.daily_limit, m.deferred_until,
             CASE WHEN m.quota_day = (?::timestamptz AT TIME ZONE m.timezone)::date
                  THEN m.sent_today ELSE 0 END AS sent_today,
             (SELECT count(*) FROM email_sends s
               WHERE s.mailbox_id = m.id AND s.status IN ('failed', 'in_doubt')
                 AND s.created_at >= ?) AS errors,
             (SELECT count(*) FROM campaign_sequence_leads l
               WHERE l.mailbox_id = m.id AND l.status = 'active') AS active
        FROM mailboxes m WHERE m.workspace_id = ? ORDER BY m.id
      """;

  private static final String UPCOMING =
      """
      SELECT x.id, x.enrollment_id, x.scheduled_at, x.attempts, st.step_key, st.step_type,
             p.email_address, m.email AS mailbox_email
        FROM campaign_sequence_executions x
        JOIN campaign_sequence_steps st ON st.id = x.step_id
        JOIN campaign_sequence_leads l ON l.id = x.enrollment_id
        JOIN people p ON p.id = l.person_id
        JOIN mailboxes m ON m.id = l.mailbox_id
       WHERE x.campaign_id = ? AND x.status = 'pending'
       ORDER BY x.scheduled_at, x.id
       LIMIT ?
      """;

  private final Database database;
  private final CampaignReader reader = new CampaignReader();

  public PostgresStatsStore(Database database) {
    this.database = database;
  }

  @Override
  public CampaignStats campaignStats(long workspaceId, long campaignId) {
    return database.withConnection(c -> stats(c, campaign(c, workspaceId, campaignId)));
  }

  @Override
  public DailyStats daily(long workspaceId, long campaignId, LocalDate from, LocalDate to) {
    return database.withConnection(c -> daily(c, campaign(c, workspaceId, campaignId), from, to));
  }

  @Override
  public List<MailboxStats> mailboxes(long workspaceId, Instant now) {
    return database.withConnection(
        c ->
            Sql.query(
                c,
                MAILBOXES,
                rs ->
                    new MailboxStats(
                        rs.getLong("id"),
                        rs.getString("email"),
                        rs.getString("provider"),
                        rs.getString("status"),
                        rs.getString("status_reason"),
                        rs.getInt("daily_limit"),
                        rs.getInt("sent_today"),
                        rs.getLong("errors"),
                        rs.getLong("active"),
                        Sql.instant(rs, "deferred_until")),
                now.toString(),
                now.minus(Duration.ofHours(24)),
                workspaceId));
  }

  @Override
  public List<UpcomingSend> upcoming(long workspaceId, long campaignId, int limit) {
    return database.withConnection(
        c -> {
          campaign(c, workspaceId, campaignId);
          return Sql.query(
              c,
              UPCOMING,
              rs ->
                  new UpcomingSend(
                      rs.getLong("id"),
                      rs.getLong("enrollment_id"),
                      rs.getString("step_key"),
                      rs.getString("step_type"),
                      rs.getString("email_address"),
                      rs.getString("mailbox_email"),
                      Sql.instant(rs, "scheduled_at"),
                      rs.getInt("attempts")),
              campaignId,
              limit);
        });
  }

  private Campaign campaign(Connection c, long workspaceId, long campaignId) throws SQLException {
    return reader.find(c, campaignId).filter(x -> x.workspaceId() == workspaceId).orElseThrow();
  }

  private static CampaignStats stats(Connection c, Campaign campaign) throws SQLException {
    long campaignId = campaign.id();
    Map<String, Long> enrollments = new TreeMap<>();
    Sql.query(
        c, ENROLLMENTS, rs -> enrollments.put(rs.getString("status"), rs.getLong("n")), campaignId);
    Map<Long, Map<String, Long>> executions = byStep(c, EXECUTIONS, campaignId, campaignId);
    Map<Long, Map<String, Long>> sends = byStep(c, SENDS, campaignId);
    // Keyed by step id; the campaign's unique totals under -1.
    Map<Long, Map<String, long[]>> events = new HashMap<>();
    Sql.query(
        c,
        EVENTS,
        rs -> {
          long step = rs.getObject("step_id") == null ? -1 : rs.getLong("step_id");
          return events
              .computeIfAbsent(step, k -> new HashMap<>())
              .put(
                  rs.getString("event_type"),
                  new long[] {rs.getLong("human"), rs.getLong("with_machine")});
        },
        campaignId);
    Map<Long, Long> replies = new HashMap<>();
    Sql.query(
        c,
        REPLIES,
        rs -> {
          long step =
              rs.getInt("whole") == 1
                  ? -1
                  : rs.getObject("step_id") == null ? -2 : rs.getLong("step_id");
          return replies.put(step, rs.getLong("n"));
        },
        campaignId);

    Map<String, Long> allExecutions = new TreeMap<>();
    long sent = 0;
    long inDoubt = 0;
    long failed = 0;
    List<CampaignStats.StepStats> steps = new ArrayList<>();
    boolean abTests =
        campaign.steps().stream().anyMatch(s -> s.email() != null && s.email().hasVariants());
    Map<Long, Map<String, CampaignStats.VariantStats>> variantCounts =
        abTests ? PostgresVariantStore.counts(c, campaignId) : Map.of();
    // A step's figures include those of the steps with its key in earlier versions.
    Map<String, List<Long>> idsByKey = new HashMap<>();
    for (Step step : campaign.steps()) {
      idsByKey.computeIfAbsent(step.key(), k -> new ArrayList<>()).add(step.id());
    }
    for (Step step : campaign.earlierSteps()) {
      idsByKey.computeIfAbsent(step.key(), k -> new ArrayList<>()).add(step.id());
    }
    for (Step step : campaign.steps()) {
      List<Long> ids = idsByKey.get(step.key());
      Map<String, Long> byStatus = sum(executions, ids);
      Map<String, Long> stepSends = sum(sends, ids);
      Map<String, long[]> stepEvents = new HashMap<>();
      for (long id : ids) {
        events
            .getOrDefault(id, Map.of())
            .forEach(
                (type, counts) ->
                    stepEvents.merge(
                        type, counts.clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
      }
      long stepReplies = ids.stream().mapToLong(id -> replies.getOrDefault(id, 0L)).sum();
      Emails emails = emails(stepSends, stepEvents, stepReplies);
      List<CampaignStats.VariantStats> variants = variants(step, ids, variantCounts);
      steps.add(
          new CampaignStats.StepStats(
              step.id(),
              step.key(),
              step.type().wireName(),
              byStatus,
              emails,
              variants,
              step.email() == null ? null : step.email().chosenVariant()));
    }
    // Totals over every version, removed steps included.
    executions.values().forEach(m -> m.forEach((k, n) -> allExecutions.merge(k, n, Long::sum)));
    for (Map<String, Long> stepSends : sends.values()) {
      sent += stepSends.getOrDefault("sent", 0L);
      inDoubt += stepSends.getOrDefault("in_doubt", 0L);
      failed += stepSends.getOrDefault("failed", 0L);
    }
    Map<String, long[]> whole = events.getOrDefault(-1L, Map.of());
    Emails total =
        new Emails(
            sent,
            inDoubt,
            failed,
            count(whole, "opened", 0),
            count(whole, "opened", 1),
            count(whole, "clicked", 0),
            replies.getOrDefault(-1L, 0L));
    return new CampaignStats(enrollments, allExecutions, total, steps);
  }

  /** The step's variants in their order, with their weights and the sends of every version. */
  private static List<CampaignStats.VariantStats> variants(
      Step step, List<Long> ids, Map<Long, Map<String, CampaignStats.VariantStats>> counts) {
    if (step.email() == null || !step.email().hasVariants()) {
      return List.of();
    }
    List<CampaignStats.VariantStats> variants = new ArrayList<>();
    for (Step.Variant variant : step.email().variants()) {
      long sent = 0;
      long opened = 0;
      long clicked = 0;
      long replied = 0;
      for (long id : ids) {
        CampaignStats.VariantStats v = counts.getOrDefault(id, Map.of()).get(variant.key());
        if (v != null) {
          sent += v.sent();
          opened += v.opened();
          clicked += v.clicked();
          replied += v.replied();
        }
      }
      variants.add(
          new CampaignStats.VariantStats(
              variant.key(), variant.weight(), sent, opened, clicked, replied));
    }
    return variants;
  }

  private static Map<String, Long> sum(Map<Long, Map<String, Long>> byStep, List<Long> ids) {
    Map<String, Long> total = new TreeMap<>();
    for (long id : ids) {
      byStep.getOrDefault(id, Map.of()).forEach((k, n) -> total.merge(k, n, Long::sum));
    }
    return total;
  }

  private static Emails emails(Map<String, Long> sends, Map<String, long[]> events, long replied) {
    return new Emails(
        sends.getOrDefault("sent", 0L),
        sends.getOrDefault("in_doubt", 0L),
        sends.getOrDefault("failed", 0L),
        count(events, "opened", 0),
        count(events, "opened", 1),
        count(events, "clicked", 0),
        replied);
  }

  private static long count(Map<String, long[]> events, String type, int column) {
    long[] counts = events.get(type);
    return counts == null ? 0 : counts[column];
  }

  private static Map<Long, Map<String, Long>> byStep(Connection c, String sql, Object... params)
      throws SQLException {
    Map<Long, Map<String, Long>> byStep = new HashMap<>();
    Sql.query(
        c,
        sql,
        rs ->
            byStep
                .computeIfAbsent(rs.getLong("step_id"), k -> new TreeMap<>())
                .put(rs.getString("status"), rs.getLong("n")),
        params);
    return byStep;
  }

  private static DailyStats daily(Connection c, Campaign campaign, LocalDate from, LocalDate to)
      throws SQLException {
    String zone = campaign.timezone() == null ? "UTC" : campaign.timezone();
    ZoneId zoneId = ZoneId.of(zone);
    Instant start = from.atStartOfDay(zoneId).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zoneId).toInstant();
    Object[] range = {zone, campaign.id(), start, end};
    Map<LocalDate, long[]> days = new TreeMap<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      days.put(day, new long[6]);
    }
    Sql.query(c, SENT_PER_DAY, rs -> add(days, rs.getObject("day", LocalDate.class), 0, rs), range);
    Sql.query(
        c,
        EVENTS_PER_DAY,
        rs ->
            add(
                days,
                rs.getObject("day", LocalDate.class),
                "opened".equals(rs.getString("event_type")) ? 1 : 2,
                rs),
        range);
    Sql.query(
        c, REPLIES_PER_DAY, rs -> add(days, rs.getObject("day", LocalDate.class), 3, rs), range);
    Sql.query(
        c,
        FINISHED_PER_DAY,
        rs ->
            add(
                days,
                rs.getObject("day", LocalDate.class),
                "bounced".equals(rs.getString("status")) ? 4 : 5,
                rs),
        range);
    List<DailyStats.Day> list = new ArrayList<>();
    days.forEach((day, n) -> list.add(new DailyStats.Day(day, n[0], n[1], n[2], n[3], n[4], n[5])));
    return new DailyStats(zone, list);
  }

  private static boolean add(
      Map<LocalDate, long[]> days, LocalDate day, int column, java.sql.ResultSet rs)
      throws SQLException {
    long[] counts = days.get(day);
    if (counts != null) {
      counts[column] += rs.getLong("n");
    }
    return true;
  }
}
