package com.campaignengine.access;

/**
 * Who a request is made by, once authenticated: a workspace, the role in it, and the user and key
 * behind it. A service key has no user; a dashboard session of a user has no key.
 *
 * @param workspaceId the workspace every read and write is confined to
 * @param role what may be done (a user's key: the lesser of the key's and the user's role)
 * @param userId the user, or {@code null} for a workspace's service key
 * @param keyId the API key, or {@code null} for a user's dashboard session
 * @param actor how the audit log names it: {@code user:<email>} or {@code key:<name> (<prefix>)}
 */
public record Principal(long workspaceId, Role role, Long userId, Long keyId, String actor) {
  public Principal {
    if (role == null || actor == null) {
      throw new IllegalArgumentException("a principal has a role and an actor");
    }
  }

  /** A workspace's own service key, as the first key of a workspace is. */
  public static Principal serviceKey(long workspaceId, Role role, long keyId, String actor) {
    return new Principal(workspaceId, role, null, keyId, actor);
  }
}
