package com.campaignengine.access;

import java.time.Instant;

/**
 * One write through the API as the audit log records it: who, what, which object, and when.
 *
 * @param principal who made it (its workspace, user, key and actor text)
 * @param method the HTTP method, e.g. {@code PUT}
 * @param route the route's pattern, e.g. {@code /api/v1/campaigns/{id}}
 * @param action what was done, e.g. {@code campaigns.update}
 * @param objectType the kind of object, e.g. {@code campaigns}; {@code null} for none
 * @param objectId the object's id from the path; {@code null} for none, or for a create until the
 *     store finds the id of the row the create inserted
 * @param creates whether the write creates a {@code objectType} whose id is not in the path
 * @param occurredAt when, by the node's clock
 */
public record AuditEntry(
    Principal principal,
    String method,
    String route,
    String action,
    String objectType,
    String objectId,
    boolean creates,
    Instant occurredAt) {}
