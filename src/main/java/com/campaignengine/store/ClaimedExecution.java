package com.campaignengine.store;

import java.time.Instant;

/**
 * An execution this node holds a lease on; every later write is fenced by {@code version}. {@code
 * resend}: 0, or for an email step sent again after a soft bounce, which re-send of the step this
 * is (1, 2, ...); its send is recorded under that number.
 */
public record ClaimedExecution(
    long id,
    long workspaceId,
    long campaignId,
    long enrollmentId,
    long stepId,
    int attempts,
    long version,
    Instant scheduledAt,
    int resend) {}
