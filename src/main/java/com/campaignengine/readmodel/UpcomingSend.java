package com.campaignengine.readmodel;

import java.time.Instant;

/** A step due for an enrollment, as the scheduler holds it (a pending execution). */
public record UpcomingSend(
    long executionId,
    long enrollmentId,
    String stepKey,
    String stepType,
    String emailAddress,
    String mailboxEmail,
    Instant scheduledAt,
    int attempts) {}
