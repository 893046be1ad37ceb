package com.campaignengine.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to call each route of the API in the isolation walk and the role table: what to put for each
 * {@code {param}} of its path, and, for a write, which body to send. A route without a recipe fails
 * those tests, so whoever adds a route must say here how to call it.
 */
final class RouteRecipes {
  /** A request body: its content type and its text, with {@code {type}} placeholders for ids. */
  record Body(String contentType, String text) {}

  static final String JSON = "application/json";

  /**
   * The routes no workspace key opens, and why: the walks list them and leave them out. Every route
   * {@link AccessRules#outsideWorkspaces} names, or outside {@code /api/}, must be here.
   */
  static final Map<Router.RouteKey, String> OUTSIDE_WORKSPACES =
      Map.of(
          new Router.RouteKey("GET", "/health"),
          "open health check, outside /api/: no key, no data",
          new Router.RouteKey("POST", "/api/v1/inbound/{provider}"),
          "providers' webhooks, proven by signature: no workspace key",
          new Router.RouteKey("POST", "/api/v1/ats/{provider}/{token}"),
          "ATS webhooks (Greenhouse, Lever), proven by the ATS's signature; the token names the"
              + " workspace (ApiEventsTest)",
          new Router.RouteKey("POST", "/api/v1/invites/{token}/accept"),
          "accepting an invite: the link's one-time token is the credential (InvitesAndLoginTest)",
          new Router.RouteKey("POST", "/api/v1/workspaces"),
          "the server administrator's key only (ApiWorkspacesTest)",
          new Router.RouteKey("GET", "/api/v1/workspaces"),
          "the server administrator's key only (ApiWorkspacesTest)");

  /** The body of every write route; {@code {mailboxes}}, {@code {people}}…: ids of the owner. */
  static final Map<Router.RouteKey, Body> BODIES = bodies();

  private static Map<Router.RouteKey, Body> bodies() {
    Map<Router.RouteKey, Body> bodies = new LinkedHashMap<>();
    String campaign =
        """
        {"name": "Taken over", "mailbox_ids": ["{mailboxes}"], "timezone": "UTC",
         "steps": [{"key": "intro", "type": "email", "subject": "Hi", "body": "Hello"}]}
        """;
    // Campaigns: a body naming the owner's mailbox, which another workspace must not reach.
    bodies.put(post("/api/v1/campaigns"), json(campaign));
    bodies.put(new Router.RouteKey("PUT", "/api/v1/campaigns/{id}"), json(campaign));
    for (String action :
        List.of(
            "move-enrollments", "activate", "pause", "resume", "archive", "dead-letters/retry")) {
      bodies.put(post("/api/v1/campaigns/{id}/" + action), json(""));
    }
    bodies.put(
        post("/api/v1/campaigns/{id}/enrollments"), json("{\"person_ids\": [\"{people}\"]}"));
    bodies.put(
        post("/api/v1/campaigns/{id}/preview"),
        json("{\"person_id\": \"{people}\", \"step_key\": \"intro\"}"));
    bodies.put(post("/api/v1/campaigns/{id}/simulate"), json("{\"person_id\": \"{people}\"}"));
    for (String action : List.of("pause", "resume", "stop")) {
      bodies.put(post("/api/v1/enrollments/{id}/" + action), json(""));
    }
    bodies.put(post("/api/v1/executions/{id}/retry"), json(""));
    // Mailboxes, people, webhooks: a create names nothing of the owner's, so its body is
    // incomplete and refused before anything is written; the others name the owner's object.
    bodies.put(post("/api/v1/mailboxes"), json("{}"));
    bodies.put(
        new Router.RouteKey("PUT", "/api/v1/mailboxes/{id}/credentials"),
        json("{\"smtp\": {\"host\": \"smtp.taken.example\"}}"));
    bodies.put(
        new Router.RouteKey("PATCH", "/api/v1/mailboxes/{id}"),
        json("{\"display_name\": \"Taken over\"}"));
    bodies.put(new Router.RouteKey("DELETE", "/api/v1/mailboxes/{id}"), json(""));
    bodies.put(post("/api/v1/mailboxes/{id}/verify"), json(""));
    bodies.put(post("/api/v1/people"), json("{}"));
    bodies.put(new Router.RouteKey("DELETE", "/api/v1/people/{id}"), json(""));
    // A CSV of the wrong type: refused (415) before a line is read.
    bodies.put(post("/api/v1/people/import"), new Body("image/png", "email_address\n"));
    bodies.put(post("/api/v1/webhooks"), json("{}"));
    bodies.put(
        new Router.RouteKey("PATCH", "/api/v1/webhooks/{id}"),
        json("{\"description\": \"Taken over\"}"));
    bodies.put(new Router.RouteKey("DELETE", "/api/v1/webhooks/{id}"), json(""));
    bodies.put(post("/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry"), json(""));
    // The workspace's own settings: no id to name; an invalid value, refused.
    bodies.put(
        new Router.RouteKey("PUT", "/api/v1/holidays"), json("{\"dates\": [\"not-a-date\"]}"));
    bodies.put(
        new Router.RouteKey("PUT", "/api/v1/settings/retention"), json("{\"retention_days\": -1}"));
    // Events: A's person (B: no such person, 404); a rule on A's campaign (B: 404); A's rule.
    bodies.put(
        post("/api/v1/events"),
        json("{\"person\": {\"id\": \"{people}\"}, \"type\": \"hired\", \"data\": {}}"));
    bodies.put(
        post("/api/v1/event-rules"),
        json(
            "{\"event_type\": \"hired\", \"action\": \"stop_campaign\","
                + " \"campaign_id\": \"{campaigns}\"}"));
    bodies.put(new Router.RouteKey("DELETE", "/api/v1/event-rules/{id}"), json(""));
    bodies.put(
        new Router.RouteKey("PUT", "/api/v1/settings/ats"), json("{\"greenhouse_secret\": 5}"));
    bodies.put(
        new Router.RouteKey("PUT", "/api/v1/settings/rules"),
        json("{\"recontact_cooldown_days\": -1}"));
    // Users and keys: a create is refused for its incomplete body; the others name A's user or key.
    bodies.put(post("/api/v1/users"), json("{}"));
    bodies.put(
        new Router.RouteKey("PATCH", "/api/v1/users/{id}"), json("{\"name\": \"Taken over\"}"));
    bodies.put(new Router.RouteKey("DELETE", "/api/v1/users/{id}"), json(""));
    bodies.put(post("/api/v1/users/{id}/invite"), json(""));
    bodies.put(post("/api/v1/api-keys"), json("{}"));
    bodies.put(new Router.RouteKey("DELETE", "/api/v1/api-keys/{id}"), json(""));
    bodies.put(post("/api/v1/api-keys/{id}/rotate"), json("{}"));
    bodies.put(
        new Router.RouteKey("PUT", "/api/v1/mailboxes/{id}/shares"),
        json("{\"user_ids\": [\"{users}\"]}"));
    // A reply of A's: B's PATCH must neither categorize it nor suppress its sender.
    bodies.put(
        new Router.RouteKey("PATCH", "/api/v1/replies/{id}"),
        json("{\"category\": \"unsubscribe_request\", \"handled\": true}"));
    // A task of A's: B must neither complete nor skip it (and so move A's sequence on).
    bodies.put(post("/api/v1/tasks/{id}/complete"), json("{\"outcome\": \"connected\"}"));
    bodies.put(post("/api/v1/tasks/{id}/skip"), json(""));
    bodies.put(new Router.RouteKey("PATCH", "/api/v1/tasks/{id}"), json("{\"assignee\": null}"));
    // The caller's own workspace: an invalid name, A's user (not in B), a wrong confirmation.
    bodies.put(new Router.RouteKey("PATCH", "/api/v1/workspace"), json("{\"name\": \"\"}"));
    bodies.put(post("/api/v1/workspace/transfer-ownership"), json("{\"user_id\": \"{users}\"}"));
    bodies.put(
        new Router.RouteKey("DELETE", "/api/v1/workspace"),
        json("{\"confirm\": \"not its name\"}"));
    return Map.copyOf(bodies);
  }

  private RouteRecipes() {}

  private static Router.RouteKey post(String pattern) {
    return new Router.RouteKey("POST", pattern);
  }

  private static Body json(String text) {
    return new Body(JSON, text);
  }

  static boolean outsideWorkspaces(Router.RouteKey route) {
    return !route.pattern().startsWith("/api/") || AccessRules.outsideWorkspaces(route.pattern());
  }

  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  /**
   * The route's path with each {@code {param}} replaced by an id of {@code ids}: {@code {id}} by
   * the id of the route's first segment's type ({@code /campaigns/{id}}: {@code ids["campaigns"]}),
   * any other by its name ({@code {deliveryId}}: {@code ids["deliveryId"]}).
   *
   * @throws AssertionError naming the parameter when {@code ids} has no value for it
   */
  static String path(Router.RouteKey route, Map<String, String> ids) {
    String type = route.pattern().replaceFirst("^/api/v1/", "").split("/")[0];
    Matcher m = PARAM.matcher(route.pattern());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String key = m.group(1).equals("id") ? type : m.group(1);
      String id = ids.get(key);
      if (id == null) {
        throw new AssertionError(
            "no id recipe for {" + m.group(1) + "} of " + route + ": add '" + key + "' to the ids");
      }
      m.appendReplacement(path, Matcher.quoteReplacement(id));
    }
    m.appendTail(path);
    return path.toString();
  }

  /**
   * The body of a write route with its placeholders filled from {@code ids}; null for a read.
   *
   * @throws AssertionError for a write route without a recipe in {@link #BODIES}
   */
  static Body body(Router.RouteKey route, Map<String, String> ids) {
    if (route.method().equals("GET") || route.method().equals("HEAD")) {
      return null;
    }
    Body body = BODIES.get(route);
    if (body == null) {
      throw new AssertionError("no body recipe for " + route + ": add one to RouteRecipes.BODIES");
    }
    String text = body.text();
    for (Map.Entry<String, String> id : ids.entrySet()) {
      text = text.replace("{" + id.getKey() + "}", id.getValue());
    }
    return new Body(body.contentType(), text);
  }
}
