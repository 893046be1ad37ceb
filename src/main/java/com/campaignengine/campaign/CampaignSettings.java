package com.campaignengine.campaign;

/**
 * What a campaign does besides sending its steps: whether a reply (from the person, or from anyone
 * at the person's company) ends the sequence, whether opens and clicks are tracked, whether a
 * missing template value stops the person's sequence instead of sending, and whether a bounce or
 * error spike pauses the campaign (the alert evaluator does).
 */
public record CampaignSettings(
    boolean stopOnReply,
    boolean stopOnCompanyReply,
    boolean trackOpens,
    boolean trackClicks,
    boolean skipMissingValues,
    boolean autoPauseOnSpike) {}
