package com.campaignengine.store.postgres;

import com.campaignengine.readmodel.CampaignStats.Emails;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One campaign's counts as the database groups them: enrollments by status, and executions, sends,
 * engagement and replies by step id and status, over every version. Summed here for a group of step
 * ids (one key's steps in every version) or for the whole campaign.
 */
final class CampaignCounts {

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

  /**
   * Pending executions held by the check before a follow-up: a part of {@code pending}, through the
   * V008 index of pending executions with an error class.
   */
  private static final String WAITING =
      """
      SELECT step_id, 'waiting_for_reply_check' AS status, count(*) AS n
        FROM campaign_sequence_executions
       WHERE workspace_id = (SELECT workspace_id FROM campaign_sequences WHERE id = ?)
         AND campaign_id = ? AND status = 'pending' AND error_class = 'waiting_for_reply_check'
       GROUP BY step_id
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

  /** The key of the campaign's unique totals in {@link #events} and {@link #replies}. */
  private static final long WHOLE_CAMPAIGN = -1;

  /** The key of replies to no known step. */
  private static final long NO_STEP = -2;

  private final Map<String, Long> enrollments = new TreeMap<>();
  private final Map<Long, Map<String, Long>> executions;
  private final Map<Long, Map<String, Long>> sends;

  /** By step and event type: unique enrollments {human, with machine}. */
  private final Map<Long, Map<String, long[]>> events = new HashMap<>();

  private final Map<Long, Long> replies = new HashMap<>();

  private CampaignCounts(Connection c, long campaignId) throws SQLException {
    Sql.query(
        c, ENROLLMENTS, rs -> enrollments.put(rs.getString("status"), rs.getLong("n")), campaignId);
    executions = byStep(c, EXECUTIONS, campaignId, campaignId);
    byStep(c, WAITING, campaignId, campaignId)
        .forEach(
            (step, waiting) ->
                executions.computeIfAbsent(step, k -> new TreeMap<>()).putAll(waiting));
    sends = byStep(c, SENDS, campaignId);
    Sql.query(
        c,
        EVENTS,
        rs -> {
          long step = rs.getObject("step_id") == null ? WHOLE_CAMPAIGN : rs.getLong("step_id");
          return events
              .computeIfAbsent(step, k -> new HashMap<>())
              .put(
                  rs.getString("event_type"),
                  new long[] {rs.getLong("human"), rs.getLong("with_machine")});
        },
        campaignId);
    Sql.query(
        c,
        REPLIES,
        rs -> {
          long step =
              rs.getInt("whole") == 1
                  ? WHOLE_CAMPAIGN
                  : rs.getObject("step_id") == null ? NO_STEP : rs.getLong("step_id");
          return replies.put(step, rs.getLong("n"));
        },
        campaignId);
  }

  /**
   * Six grouped queries, in this order: enrollments, executions, those waiting for a reply check,
   * sends, events, replies.
   */
  static CampaignCounts read(Connection c, long campaignId) throws SQLException {
    return new CampaignCounts(c, campaignId);
  }

  Map<String, Long> enrollments() {
    return enrollments;
  }

  /** Executions by status, over every version, removed steps included. */
  Map<String, Long> executions() {
    return sum(executions, executions.keySet());
  }

  /** The campaign's emails over every version, removed steps included; engagement unique. */
  Emails emails() {
    return emails(
        sum(sends, sends.keySet()),
        events.getOrDefault(WHOLE_CAMPAIGN, Map.of()),
        replies.getOrDefault(WHOLE_CAMPAIGN, 0L));
  }

  /** Executions by status of these steps. */
  Map<String, Long> executions(List<Long> stepIds) {
    return sum(executions, stepIds);
  }

  /** The emails of these steps; engagement unique per step, summed over the steps. */
  Emails emails(List<Long> stepIds) {
    Map<String, long[]> stepEvents = new HashMap<>();
    for (long id : stepIds) {
      events
          .getOrDefault(id, Map.of())
          .forEach(
              (type, counts) ->
                  stepEvents.merge(
                      type, counts.clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
    }
    long stepReplies = stepIds.stream().mapToLong(id -> replies.getOrDefault(id, 0L)).sum();
    return emails(sum(sends, stepIds), stepEvents, stepReplies);
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

  private static Map<String, Long> sum(Map<Long, Map<String, Long>> byStep, Collection<Long> ids) {
    Map<String, Long> total = new TreeMap<>();
    for (long id : ids) {
      byStep.getOrDefault(id, Map.of()).forEach((k, n) -> total.merge(k, n, Long::sum));
    }
    return total;
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
}
