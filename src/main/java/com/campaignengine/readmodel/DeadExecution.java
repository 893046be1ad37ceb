package com.campaignengine.readmodel;

import java.time.Instant;

/** A dead-lettered execution, with why it died. */
public record DeadExecution(
    long id,
    long campaignId,
    long enrollmentId,
    String stepKey,
    int attempts,
    String errorClass,
    String lastError,
    Instant executedAt) {}
