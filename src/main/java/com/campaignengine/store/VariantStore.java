package com.campaignengine.store;

import com.campaignengine.campaign.Step;
import com.campaignengine.readmodel.CampaignStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A/B tests: each variant's figures, and the winners chosen automatically. */
public interface VariantStore {
  /** Per step id (any version) with variants: each variant's sends and engagement. */
  Map<Long, Map<String, CampaignStats.VariantStats>> counts(long campaignId);

  /** A current step of an active campaign whose winner is to be chosen automatically. */
  record Contest(
      long campaignId,
      long stepId,
      String stepKey,
      Step.WinnerRule rule,
      List<Step.Variant> variants) {}

  List<Contest> undecided();

  /** Records the winner unless one was recorded meanwhile; whether this call recorded it. */
  boolean chooseWinner(long stepId, String variantKey, Instant now);
}
