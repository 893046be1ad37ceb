package com.campaignengine.api;

import com.campaignengine.access.Role;
import java.util.List;
import java.util.Optional;

/**
 * Which role each route of the API needs: the one place that decides, checked by {@link
 * ExchangeHandler} before any handler runs. The README copies this table.
 *
 * <table>
 *   <caption>What each role may do</caption>
 *   <tr><th>role</th><th>may</th></tr>
 *   <tr><td>viewer</td><td>read everything in the workspace (every GET, and the previews and
 *       simulations that write nothing)</td></tr>
 *   <tr><td>member</td><td>also create and edit campaigns, people, enrollments and their own
 *       mailboxes; send only from their own mailboxes or mailboxes shared with them</td></tr>
 *   <tr><td>admin</td><td>also users, API keys, webhooks, event rules, holidays and the
 *       workspace's settings</td></tr>
 *   <tr><td>owner</td><td>also delete the workspace and transfer its ownership</td></tr>
 * </table>
 *
 * <p>A route is matched against {@link #RULES} in order, by method ({@code *}: any) and pattern
 * prefix; the first rule that matches decides. A route no rule names needs {@link Role#VIEWER} to
 * read (GET, HEAD) and {@link Role#MEMBER} to write. The server administrator's routes ({@code
 * /api/v1/workspaces}) and the providers' and ATSs' signed webhooks ({@code /api/v1/inbound/},
 * {@code /api/v1/ats/}) take no workspace key at all, nor does accepting an invite ({@code
 * /api/v1/invites/}, the link's token is the credential): they are outside this table, see {@link
 * #outsideWorkspaces}.
 */
final class AccessRules {
  /**
   * A rule: routes of {@code method} whose pattern starts with {@code prefix} need {@code role}.
   */
  record Rule(String method, String prefix, Role role) {
    boolean matches(Router.RouteKey route) {
      return ("*".equals(method) || method.equals(route.method()))
          && (route.pattern().equals(prefix) || route.pattern().startsWith(prefix + "/"));
    }
  }

  static final List<Rule> RULES =
      List.of(
          // Reading that writes nothing, though it is a POST: a viewer may.
          new Rule("POST", "/api/v1/campaigns/{id}/preview", Role.VIEWER),
          new Rule("POST", "/api/v1/campaigns/{id}/simulate", Role.VIEWER),
          // Connecting a mailbox is a GET (the browser follows it to the provider), but it
          // creates a mailbox: a member may, for a mailbox of their own.
          new Rule("GET", "/api/v1/mailboxes/connect/{provider}", Role.MEMBER),
          // The workspace itself: only its owner deletes it or hands it over.
          new Rule("DELETE", "/api/v1/workspace", Role.OWNER),
          new Rule("POST", "/api/v1/workspace/transfer-ownership", Role.OWNER),
          // The team and the workspace's settings: admins.
          new Rule("GET", "/api/v1/users", Role.VIEWER),
          new Rule("*", "/api/v1/users", Role.ADMIN),
          new Rule("GET", "/api/v1/api-keys", Role.VIEWER),
          new Rule("*", "/api/v1/api-keys", Role.ADMIN),
          new Rule("GET", "/api/v1/webhooks", Role.VIEWER),
          new Rule("*", "/api/v1/webhooks", Role.ADMIN),
          // What events do (enroll, stop): admins decide; any member may send an event.
          new Rule("GET", "/api/v1/event-rules", Role.VIEWER),
          new Rule("*", "/api/v1/event-rules", Role.ADMIN),
          new Rule("GET", "/api/v1/holidays", Role.VIEWER),
          new Rule("*", "/api/v1/holidays", Role.ADMIN),
          new Rule("GET", "/api/v1/settings", Role.VIEWER),
          new Rule("*", "/api/v1/settings", Role.ADMIN),
          new Rule("GET", "/api/v1/workspace", Role.VIEWER),
          new Rule("*", "/api/v1/workspace", Role.ADMIN));

  private AccessRules() {}

  /** Routes that no workspace's key opens: the administrator's, and the providers' webhooks. */
  static boolean outsideWorkspaces(String path) {
    return path.equals("/api/v1/workspaces")
        || path.startsWith("/api/v1/workspaces/")
        || path.startsWith("/api/v1/inbound/")
        // ATS webhooks: the ATS's signature is the credential, the token in the path names the
        // workspace (AtsWebhooks).
        || path.startsWith("/api/v1/ats/")
        // Accepting an invite: the link's one-time token is the credential.
        || path.startsWith("/api/v1/invites/");
  }

  /** The role {@code route} needs. */
  static Role required(Router.RouteKey route) {
    Optional<Rule> rule = RULES.stream().filter(r -> r.matches(route)).findFirst();
    if (rule.isPresent()) {
      return rule.get().role();
    }
    return route.method().equals("GET") || route.method().equals("HEAD")
        ? Role.VIEWER
        : Role.MEMBER;
  }
}
