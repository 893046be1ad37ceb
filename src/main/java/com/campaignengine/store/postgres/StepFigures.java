package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Campaign;
import com.campaignengine.campaign.Step;
import com.campaignengine.readmodel.CampaignStats;
import com.campaignengine.readmodel.CampaignStats.VariantStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of each step of a campaign's current version. A step's figures include those of the
 * steps with its key in earlier versions, so an edit does not reset them.
 */
final class StepFigures {
  private StepFigures() {}

  /** Reads the A/B variants' counts too, when a step of the campaign tests variants. */
  static List<CampaignStats.StepStats> of(Connection c, Campaign campaign, CampaignCounts counts)
      throws SQLException {
    boolean abTests =
        campaign.steps().current().stream()
            .anyMatch(s -> s.email() != null && s.email().hasVariants());
    Map<Long, Map<String, VariantStats>> variantCounts =
        abTests ? PostgresVariantStore.counts(c, campaign.id()) : Map.of();
    Map<String, List<Long>> idsByKey = new HashMap<>();
    for (Step step : campaign.steps().current()) {
      idsByKey.computeIfAbsent(step.key(), k -> new ArrayList<>()).add(step.id());
    }
    for (Step step : campaign.steps().earlier()) {
      idsByKey.computeIfAbsent(step.key(), k -> new ArrayList<>()).add(step.id());
    }
    List<CampaignStats.StepStats> steps = new ArrayList<>();
    for (Step step : campaign.steps().current()) {
      List<Long> ids = idsByKey.get(step.key());
      steps.add(
          new CampaignStats.StepStats(
              step.id(),
              step.key(),
              step.type().wireName(),
              counts.executions(ids),
              counts.emails(ids),
              variants(step, ids, variantCounts),
              step.email() == null ? null : step.email().chosenVariant()));
    }
    return steps;
  }

  /** The step's variants in their order, with their weights and the sends of every version. */
  private static List<VariantStats> variants(
      Step step, List<Long> ids, Map<Long, Map<String, VariantStats>> counts) {
    if (step.email() == null || !step.email().hasVariants()) {
      return List.of();
    }
    List<VariantStats> variants = new ArrayList<>();
    for (Step.Variant variant : step.email().variants()) {
      long sent = 0;
      long opened = 0;
      long clicked = 0;
      long replied = 0;
      for (long id : ids) {
        VariantStats v = counts.getOrDefault(id, Map.of()).get(variant.key());
        if (v != null) {
          sent += v.sent();
          opened += v.opened();
          clicked += v.clicked();
          replied += v.replied();
        }
      }
      variants.add(
          new VariantStats(variant.key(), variant.weight(), sent, opened, clicked, replied));
    }
    return variants;
  }
}
