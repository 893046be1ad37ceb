/**
 * Who is asking: the {@link com.campaignengine.access.Role roles} of a workspace and the {@link
 * com.campaignengine.access.Principal principal} a request is made by (a user, a user's API key or
 * a workspace's service key), and what a write request records in the audit log ({@link
 * com.campaignengine.access.AuditEntry}, carried from the API to the store by the request's {@link
 * com.campaignengine.access.AuditScope}). Neutral: used by the API, the use cases and the store.
 */
package com.campaignengine.access;
