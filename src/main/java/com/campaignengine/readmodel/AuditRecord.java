package com.campaignengine.readmodel;

import java.time.Instant;

/**
 * One row of a workspace's audit log: who wrote what, to which object, when.
 *
 * @param actorUserId the user, or {@code null} (a service key)
 * @param actorKeyId the API key, or {@code null} (a user's dashboard session)
 * @param actor {@code user:<email>} or {@code key:<name> (<prefix>)}
 * @param route the route's pattern, e.g. {@code /api/v1/campaigns/{id}}
 * @param action e.g. {@code campaigns.update}
 * @param objectType e.g. {@code campaigns}, or {@code null}
 * @param objectId the object's id, or {@code null}
 */
public record AuditRecord(
    long id,
    Instant occurredAt,
    Long actorUserId,
    Long actorKeyId,
    String actor,
    String method,
    String route,
    String action,
    String objectType,
    String objectId) {}
