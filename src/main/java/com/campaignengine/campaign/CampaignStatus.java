package com.campaignengine.campaign;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Lifecycle of a campaign: only an active campaign's enrollments run. */
public enum CampaignStatus {
  DRAFT,
  ACTIVE,
  PAUSED,
  ARCHIVED;

  private static final Map<CampaignStatus, Set<CampaignStatus>> TRANSITIONS =
      Map.of(
          DRAFT, EnumSet.of(ACTIVE, ARCHIVED),
          ACTIVE, EnumSet.of(PAUSED, ARCHIVED),
          PAUSED, EnumSet.of(ACTIVE, ARCHIVED),
          ARCHIVED, EnumSet.noneOf(CampaignStatus.class));

  public boolean canMoveTo(CampaignStatus next) {
    return TRANSITIONS.get(this).contains(next);
  }

  public CampaignStatus moveTo(CampaignStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalTransitionException("Campaign", this, next);
    }
    return next;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CampaignStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
