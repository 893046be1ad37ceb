package com.campaignengine.campaign;

/**
 * How much and how fast a mailbox may send: at most {@code dailyLimit} emails per local day of
 * {@code timezone}, at most {@code hourlyLimit} per hour (null: no hourly cap), and a random gap of
 * {@code minGapSeconds} to {@code maxGapSeconds} between two sends.
 */
public record MailboxLimits(
    int dailyLimit, Integer hourlyLimit, int minGapSeconds, int maxGapSeconds, String timezone) {}
