package com.campaignengine.campaign;

import java.time.Instant;

/**
 * A campaign (sequence): who owns it, its status and {@code version} (each edit adds one), and its
 * parts: what it does besides sending ({@code settings}), how it sends ({@code sending}) and its
 * steps. Immutable.
 */
public record Campaign(
    long id,
    long workspaceId,
    String name,
    CampaignStatus status,
    int version,
    Instant createdAt,
    CampaignSettings settings,
    SendingPolicy sending,
    CampaignSteps steps) {}
