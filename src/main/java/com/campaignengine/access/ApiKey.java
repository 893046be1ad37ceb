package com.campaignengine.access;

import java.time.Instant;

/**
 * An API key of a workspace as it is listed: never its secret nor its hash.
 *
 * @param prefix its first characters, to tell keys apart
 * @param userId the user it belongs to, or {@code null} for a service key of the workspace
 * @param lastUsedAt when it was last used (to the minute), or null
 * @param expiresAt when it stops working, or null for never
 */
public record ApiKey(
    long id,
    String name,
    Role role,
    String prefix,
    Long userId,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt) {}
