package com.campaignengine.app;

import com.campaignengine.campaign.Step;
import com.campaignengine.readmodel.CampaignStats.VariantStats;
import com.campaignengine.store.VariantStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses A/B winners: once every variant of a step has been sent {@code after_sends} times, the
 * variant with the best rate of the step's metric wins (a tie goes to the variant listed first),
 * and every later send of that step uses it. Safe on several nodes: the first to record wins.
 */
public final class VariantWinners {
  private static final Logger LOG = LoggerFactory.getLogger(VariantWinners.class);

  /** A winner recorded by {@link #decide}. */
  public record Choice(
      long campaignId, String stepKey, String variant, String metric, double rate) {}

  private final VariantStore store;
  private final Clock clock;
  private final LongConsumer edited;

  /** {@code edited}: told the campaign whose step got a winner (this node's caches forget it). */
  public VariantWinners(VariantStore store, Clock clock, LongConsumer edited) {
    this.store = store;
    this.clock = clock;
    this.edited = edited;
  }

  public List<Choice> decide() {
    List<Choice> chosen = new ArrayList<>();
    Map<Long, Map<Long, Map<String, VariantStats>>> counts = new HashMap<>();
    for (VariantStore.Contest contest : store.undecided()) {
      Map<String, VariantStats> byVariant =
          counts
              .computeIfAbsent(contest.campaignId(), store::counts)
              .getOrDefault(contest.stepId(), Map.of());
      Step.Variant best = null;
      double bestRate = -1;
      boolean ready = true;
      for (Step.Variant variant : contest.variants()) {
        VariantStats stats = byVariant.get(variant.key());
        if (stats == null || stats.sent() < contest.rule().afterSends()) {
          ready = false;
          break;
        }
        double rate = stats.rate(contest.rule().metric());
        if (rate > bestRate) {
          best = variant;
          bestRate = rate;
        }
      }
      if (!ready || best == null) {
        continue;
      }
      if (store.chooseWinner(contest.stepId(), best.key(), clock.instant())) {
        LOG.info(
            "A/B winner of campaign {} step {}: variant {} ({} {})",
            contest.campaignId(),
            contest.stepKey(),
            best.key(),
            contest.rule().metric(),
            bestRate);
        edited.accept(contest.campaignId());
        chosen.add(
            new Choice(
                contest.campaignId(),
                contest.stepKey(),
                best.key(),
                contest.rule().metric(),
                bestRate));
      }
    }
    return chosen;
  }
}
