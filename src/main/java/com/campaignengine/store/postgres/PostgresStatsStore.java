package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Step;
import com.campaignengine.store.CampaignStats;
import com.campaignengine.store.StatsStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts for a campaign, grouped in the database (each query walks one index). */
public final class PostgresStatsStore implements StatsStore {

  private static final String ENROLLMENTS =
      "SELECT status, count(*) AS n FROM campaign_sequence_leads WHERE campaign_id = ? GROUP BY status";

  private static final String EXECUTIONS =
      """
      SELECT step_id, status, count(*) AS n FROM campaign_sequence_executions
       WHERE campaign_id = ? GROUP BY step_id, status
      """;

  private static final String SENDS =
      "SELECT step_id, status, count(*) AS n FROM email_sends WHERE campaign_id = ? GROUP BY step_id, status";

  private static final String ENGAGEMENT =
      """
      SELECT (SELECT count(DISTINCT r.enrollment_id) FROM email_replies r
                JOIN campaign_sequence_leads l ON l.id = r.enrollment_id
               WHERE l.campaign_id = ? AND NOT r.is_auto_reply) AS replied,
             (SELECT count(DISTINCT v.enrollment_id) FROM email_events v
                JOIN campaign_sequence_leads l ON l.id = v.enrollment_id
               WHERE l.campaign_id = ? AND v.event_type = 'opened') AS opened,
             (SELECT count(DISTINCT v.enrollment_id) FROM email_events v
                JOIN campaign_sequence_leads l ON l.id = v.enrollment_id
               WHERE l.campaign_id = ? AND v.event_type = 'clicked') AS clicked
      """;

  private final Database database;
  private final CampaignReader reader = new CampaignReader();

  public PostgresStatsStore(Database database) {
    this.database = database;
  }

  @Override
  public CampaignStats campaignStats(long workspaceId, long campaignId) {
    return database.withConnection(c -> stats(c, workspaceId, campaignId));
  }

  private CampaignStats stats(Connection c, long workspaceId, long campaignId) throws SQLException {
    Campaign campaign =
        reader.find(c, campaignId).filter(x -> x.workspaceId() == workspaceId).orElseThrow();
    Map<String, Long> enrollments = new TreeMap<>();
    Sql.query(
        c, ENROLLMENTS, rs -> enrollments.put(rs.getString("status"), rs.getLong("n")), campaignId);
    Map<Long, Map<String, Long>> executions = new HashMap<>();
    Sql.query(
        c,
        EXECUTIONS,
        rs ->
            executions
                .computeIfAbsent(rs.getLong("step_id"), k -> new TreeMap<>())
                .put(rs.getString("status"), rs.getLong("n")),
        campaignId);
    Map<Long, Map<String, Long>> sends = new HashMap<>();
    Sql.query(
        c,
        SENDS,
        rs ->
            sends
                .computeIfAbsent(rs.getLong("step_id"), k -> new TreeMap<>())
                .put(rs.getString("status"), rs.getLong("n")),
        campaignId);
    long[] engagement =
        Sql.queryOne(
                c,
                ENGAGEMENT,
                rs ->
                    new long[] {rs.getLong("replied"), rs.getLong("opened"), rs.getLong("clicked")},
                campaignId,
                campaignId,
                campaignId)
            .orElseThrow();
    List<CampaignStats.StepStats> steps = new ArrayList<>();
    long sent = 0;
    long inDoubt = 0;
    for (Step step : campaign.steps()) {
      Map<String, Long> stepSends = sends.getOrDefault(step.id(), Map.of());
      long stepSent = stepSends.getOrDefault("sent", 0L);
      sent += stepSent;
      inDoubt += stepSends.getOrDefault("in_doubt", 0L);
      steps.add(
          new CampaignStats.StepStats(
              step.id(),
              step.key(),
              step.type().wireName(),
              executions.getOrDefault(step.id(), Map.of()),
              stepSent));
    }
    return new CampaignStats(
        enrollments, sent, inDoubt, engagement[1], engagement[2], engagement[0], steps);
  }
}
