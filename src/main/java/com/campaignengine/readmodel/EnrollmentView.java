package com.campaignengine.readmodel;

import com.campaignengine.campaign.EnrollmentStatus;
import java.time.Instant;

/** An enrollment as listed: where it is and when it next runs. */
public record EnrollmentView(
    long id,
    long campaignId,
    long personId,
    long mailboxId,
    EnrollmentStatus status,
    String currentStepKey,
    Instant nextRunAt,
    String stopReason,
    Instant enrolledAt,
    Instant finishedAt) {}
