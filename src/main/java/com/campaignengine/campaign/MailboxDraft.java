package com.campaignengine.campaign;

/** A mailbox as submitted (provider settings come with the sending issue's providers). */
public record MailboxDraft(
    String provider,
    String email,
    String displayName,
    int dailyLimit,
    Integer hourlyLimit,
    int minGapSeconds,
    int maxGapSeconds) {}
