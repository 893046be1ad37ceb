package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Step;
import com.campaignengine.campaign.StepType;
import com.campaignengine.readmodel.CampaignEdit.Moves;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the waiting work of a campaign's earlier versions onto its current version, in the caller's
 * transaction. A step is matched by key; a step that no longer exists hands its enrollments to the
 * first later step that does (an email or wait step's next step, a condition's next step in order),
 * and an enrollment with nothing left ends as completed. Only waiting work moves (pending or
 * paused); an execution a node is running right then stays on its version and is counted.
 */
final class VersionMoves {

  private static final String LOCK_ENROLLMENTS =
      """
      SELECT count(*) AS n FROM (
        SELECT id FROM campaign_sequence_leads
         WHERE campaign_id = ? AND status IN ('active', 'paused') ORDER BY id FOR UPDATE) locked
      """;

  private static final String LIVE_ON_EARLIER =
      """
      SELECT step_id, status, count(*) AS n FROM campaign_sequence_executions
       WHERE campaign_id = ? AND status IN ('pending', 'paused', 'running')
         AND NOT (step_id = ANY(?))
       GROUP BY step_id, status
      """;

  private static final String FOLLOW =
      """
      UPDATE campaign_sequence_leads l
         SET current_step_id = e.step_id, updated_at = ?
        FROM campaign_sequence_executions e
       WHERE e.campaign_id = ? AND e.status IN ('pending', 'paused') AND e.enrollment_id = l.id
         AND l.campaign_id = ? AND l.status IN ('active', 'paused')
         AND l.current_step_id IS DISTINCT FROM e.step_id
      """;

  private static final String END_ENROLLMENTS =
      """
      UPDATE campaign_sequence_leads
         SET status = 'completed', stop_reason = ?, updated_at = ?, finished_at = ?
       WHERE id = ANY(?) AND status IN ('active', 'paused')
      """;

  private VersionMoves() {}

  static Moves move(Connection c, Campaign campaign, Instant now) throws SQLException {
    Sql.queryOne(c, LOCK_ENROLLMENTS, rs -> rs.getLong("n"), campaign.id());
    Map<Long, Map<String, Long>> live = liveOnEarlierVersions(c, campaign);
    Map<Long, Step> targets = targets(campaign);
    List<Long> from = new ArrayList<>();
    List<Long> to = new ArrayList<>();
    List<Long> ending = new ArrayList<>();
    long moved = 0;
    long continued = 0;
    long running = 0;
    for (Map.Entry<Long, Map<String, Long>> step : live.entrySet()) {
      long waiting =
          step.getValue().getOrDefault("pending", 0L) + step.getValue().getOrDefault("paused", 0L);
      running += step.getValue().getOrDefault("running", 0L);
      Step target = targets.get(step.getKey());
      if (target == null) {
        ending.add(step.getKey());
        continue;
      }
      from.add(step.getKey());
      to.add(target.id());
      boolean sameKey =
          campaign.steps().byId(step.getKey()).map(s -> s.key().equals(target.key())).orElse(false);
      if (sameKey) {
        moved += waiting;
      } else {
        continued += waiting;
      }
    }
    if (!from.isEmpty()) {
      ExecutionRows.moveToSteps(
          c, from.toArray(Long[]::new), to.toArray(Long[]::new), campaign.id());
      Sql.update(c, FOLLOW, now, campaign.id(), campaign.id());
    }
    long ended = 0;
    if (!ending.isEmpty()) {
      List<Long> enrollments =
          ExecutionRows.cancelOnSteps(c, campaign.id(), ending.toArray(Long[]::new));
      ended = enrollments.size();
      Sql.update(
          c,
          END_ENROLLMENTS,
          "its remaining steps were removed in version " + campaign.version(),
          now,
          now,
          enrollments.toArray(Long[]::new));
    }
    return new Moves(moved, continued, ended, running);
  }

  /** Live executions (pending, paused, running) on steps of earlier versions. */
  static long onEarlierVersions(Connection c, Campaign campaign) throws SQLException {
    return liveOnEarlierVersions(c, campaign).values().stream()
        .flatMap(byStatus -> byStatus.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  private static Map<Long, Map<String, Long>> liveOnEarlierVersions(Connection c, Campaign campaign)
      throws SQLException {
    Long[] current = campaign.steps().current().stream().map(Step::id).toArray(Long[]::new);
    Map<Long, Map<String, Long>> live = new HashMap<>();
    Sql.query(
        c,
        LIVE_ON_EARLIER,
        rs ->
            live.computeIfAbsent(rs.getLong("step_id"), k -> new HashMap<>())
                .put(rs.getString("status"), rs.getLong("n")),
        campaign.id(),
        current);
    return live;
  }

  /** For every step of an earlier version, where its enrollments go: a current step, or null. */
  static Map<Long, Step> targets(Campaign campaign) {
    Map<String, Step> currentByKey = new HashMap<>();
    campaign.steps().current().forEach(s -> currentByKey.put(s.key(), s));
    List<Step> earlier = campaign.steps().earlier();
    Map<Long, Step> targets = new HashMap<>();
    for (Step old : earlier) {
      Set<Long> seen = new HashSet<>();
      Step s = old;
      Step target = null;
      while (s != null && seen.add(s.id())) {
        target = currentByKey.get(s.key());
        if (target != null) {
          break;
        }
        s = successor(campaign, earlier, s);
      }
      targets.put(old.id(), target);
    }
    return targets;
  }

  /** An email or wait step's next step; a condition's next step in order within its version. */
  private static Step successor(Campaign campaign, List<Step> earlier, Step step) {
    if (step.type() != StepType.CONDITION) {
      return step.routes().next() == null
          ? null
          : campaign.steps().byId(step.routes().next()).orElse(null);
    }
    // Earlier steps are listed by version, then order; orders restart at 0 in each version.
    int i = earlier.indexOf(step);
    if (i + 1 < earlier.size() && earlier.get(i + 1).order() == step.order() + 1) {
      return earlier.get(i + 1);
    }
    return null;
  }
}
