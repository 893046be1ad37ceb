package com.campaignengine.campaign;

/** A mailbox that sends on a user's behalf. Secrets are not part of this record. */
public record Mailbox(
    long id,
    long workspaceId,
    String provider,
    String email,
    String displayName,
    int dailyLimit,
    Integer hourlyLimit,
    int minGapSeconds,
    int maxGapSeconds,
    String status) {}
