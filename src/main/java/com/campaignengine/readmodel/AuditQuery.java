package com.campaignengine.readmodel;

import java.time.Instant;

/**
 * What to list of an audit log; every filter is optional ({@code null}).
 *
 * @param since rows at or after this instant
 * @param actor rows whose actor text is exactly this
 * @param actorUserId rows by this user
 * @param actorKeyId rows by this API key
 * @param objectType rows about objects of this type
 * @param objectId rows about this object (with {@code objectType})
 * @param before rows older than this row id (the cursor); {@code null} from the newest
 * @param limit at most this many rows
 */
public record AuditQuery(
    Instant since,
    String actor,
    Long actorUserId,
    Long actorKeyId,
    String objectType,
    String objectId,
    Long before,
    int limit) {}
