package com.campaignengine.campaign;

import java.util.List;

/** A campaign as submitted, before it has ids; checked by the campaign service. */
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

  /** A draft without holidays of its own. */
  public CampaignDraft(
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
      boolean autoPauseOnSpike) {
    this(
        name,
        mailboxIds,
        timezone,
        window,
        stopOnReply,
        stopOnCompanyReply,
        trackOpens,
        trackClicks,
        maxAttempts,
        steps,
        skipMissingValues,
        autoPauseOnSpike,
        Holidays.NONE);
  }

  /** A draft that does not pause itself on a bounce or error spike. */
  public CampaignDraft(
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
      boolean skipMissingValues) {
    this(
        name,
        mailboxIds,
        timezone,
        window,
        stopOnReply,
        stopOnCompanyReply,
        trackOpens,
        trackClicks,
        maxAttempts,
        steps,
        skipMissingValues,
        false);
  }

  /** A draft that sends even when a value is missing. */
  public CampaignDraft(
      String name,
      List<Long> mailboxIds,
      String timezone,
      SendingWindow window,
      boolean stopOnReply,
      boolean stopOnCompanyReply,
      boolean trackOpens,
      boolean trackClicks,
      int maxAttempts,
      List<StepDraft> steps) {
    this(
        name,
        mailboxIds,
        timezone,
        window,
        stopOnReply,
        stopOnCompanyReply,
        trackOpens,
        trackClicks,
        maxAttempts,
        steps,
        false);
  }

  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  public CampaignDraft {
    mailboxIds = List.copyOf(mailboxIds);
    steps = List.copyOf(steps);
    holidays = holidays == null ? Holidays.NONE : holidays;
  }
}
