package com.campaignengine.store;

import java.time.Instant;

/** An execution this node holds a lease on; every later write is fenced by {@code version}. */
public record ClaimedExecution(
    long id,
    long workspaceId,
    long campaignId,
    long enrollmentId,
    long stepId,
    int attempts,
    long version,
    Instant scheduledAt) {}
