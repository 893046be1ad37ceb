package com.campaignengine.alerts;

import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every rule for a workspace and turns changes into notices: a condition newly true fires
 * (one notice, whichever node gets there first), one no longer true resolves (one notice). A
 * condition that stays true is only marked as seen. A firing campaign spike pauses the campaign if
 * it asked for that ({@code auto_pause_on_spike}). Safe to run on several nodes at once.
 */
public final class AlertEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

  /** What one evaluation changed: the alerts it fired and those it resolved. */
  public record Outcome(List<AlertRecord> fired, List<AlertRecord> resolved) {}

  private final List<AlertRule> rules;
  private final AlertReadings readings;
  private final AlertStore store;
  private final AlertSink sink;
  private final CampaignPauser campaigns;
  private final Clock clock;

  public AlertEvaluator(
      List<AlertRule> rules,
      AlertReadings readings,
      AlertStore store,
      AlertSink sink,
      CampaignPauser campaigns,
      Clock clock) {
    this.rules = List.copyOf(rules);
    this.readings = readings;
    this.store = store;
    this.sink = sink;
    this.campaigns = campaigns;
    this.clock = clock;
  }

  /**
   * The six rules of issue 6 with these thresholds, and credentials a node cannot unseal (issue
   * 12).
   */
  public static List<AlertRule> standardRules(AlertReadings readings, AlertThresholds thresholds) {
    return List.of(
        new CampaignErrorRateRule(readings, thresholds),
        new BounceRateRule(readings, thresholds),
        new DeadLettersGrowingRule(readings, thresholds),
        new MailboxDisconnectedRule(readings),
        new DailyCapReachedEarlyRule(readings, thresholds),
        new QueueLagRule(readings, thresholds),
        new SecretUnavailableRule(readings),
        new FollowUpsWaitingRule(readings));
  }

  /** Evaluates every workspace; a failure in one is logged and the others still run. */
  public void evaluateAll() {
    for (long workspaceId : readings.workspaceIds()) {
      try {
        evaluate(workspaceId);
      } catch (RuntimeException e) {
        LOG.error("Workspace(id={}) alert evaluation failed; will run again", workspaceId, e);
      }
    }
  }

  public Outcome evaluate(long workspaceId) {
    Instant now = clock.instant();
    Map<String, Alert> holding = new LinkedHashMap<>();
    Set<String> unknownRules = new HashSet<>();
    for (AlertRule rule : rules) {
      try {
        rule.firing(workspaceId, now).forEach(alert -> holding.putIfAbsent(alert.key(), alert));
      } catch (RuntimeException e) {
        // Not knowing is not resolving: this rule's firing alerts stay as they are.
        unknownRules.add(rule.name());
        LOG.error("Workspace(id={}) alert rule {} failed", workspaceId, rule.name(), e);
      }
    }
    List<AlertRecord> fired = new ArrayList<>();
    for (Alert alert : holding.values()) {
      Optional<AlertRecord> inserted = store.fire(workspaceId, alert, now);
      if (inserted.isPresent()) {
        if (alert.pausesCampaign()) {
          pause(workspaceId, alert.campaignId());
        }
        fired.add(inserted.get());
        notify(inserted.get());
      }
    }
    store.seen(workspaceId, holding.values(), now);
    List<AlertRecord> resolved =
        store.resolveAllExcept(workspaceId, holding.keySet(), unknownRules, now);
    resolved.forEach(this::notify);
    return new Outcome(fired, resolved);
  }

  private void pause(long workspaceId, long campaignId) {
    try {
      campaigns.pause(workspaceId, campaignId);
      LOG.warn("Campaign(id={}) paused automatically after a spike", campaignId);
    } catch (ConflictException | NotFoundException e) {
      // Paused, archived or gone meanwhile: nothing left to stop.
      LOG.info("Campaign(id={}) not paused automatically: {}", campaignId, e.getMessage());
    }
  }

  private void notify(AlertRecord alert) {
    try {
      sink.send(alert);
    } catch (RuntimeException e) {
      LOG.error("Alert(id={}, key={}) could not be delivered", alert.id(), alert.key(), e);
    }
  }
}
