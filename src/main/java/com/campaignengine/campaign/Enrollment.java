package com.campaignengine.campaign;

import java.time.Instant;

/** A person enrolled in a campaign ({@code campaign_sequence_leads}). */
public record Enrollment(
    long id,
    long workspaceId,
    long campaignId,
    long personId,
    long mailboxId,
    EnrollmentStatus status,
    Long currentStepId,
    String stopReason,
    Instant enrolledAt,
    Instant finishedAt) {}
