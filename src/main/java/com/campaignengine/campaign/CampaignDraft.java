package com.campaignengine.campaign;

import java.util.List;

/**
 * A campaign as submitted, before it has ids; checked by the campaign service. One canonical
 * constructor: callers name every setting (tests use the builders in their own sources).
 */
public record CampaignDraft(
    String name,
    List<Long> mailboxIds,
    String timezone,
    SendingWindow window,
    boolean stopOnReply,
    boolean stopOnCompanyReply,
    boolean trackOpens,
    boolean trackClicks,
    int maxAttempts,
    List<StepDraft> steps,
    boolean skipMissingValues,
    boolean autoPauseOnSpike,
    Holidays holidays) {

  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  public CampaignDraft {
    mailboxIds = List.copyOf(mailboxIds);
    steps = List.copyOf(steps);
    holidays = holidays == null ? Holidays.NONE : holidays;
  }
}
