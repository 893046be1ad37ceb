package com.campaignengine.api;

import com.campaignengine.access.AuditEntry;
import com.campaignengine.access.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit entry of a write request, derived from its route alone, so that no handler has to say
 * what it does: the action is the route's literal segments after {@code /api/v1/} joined by dots,
 * plus the verb the method implies ({@code PUT}/{@code PATCH}: {@code update}, {@code DELETE}:
 * {@code delete}, a {@code POST} to a collection that can also be listed: {@code create}); a {@code
 * POST} to a named action keeps its name ({@code POST /campaigns/{id}/activate}: {@code
 * campaigns.activate}). The object is the route's first segment and the first path id, if any.
 */
final class AuditEntries {
  private AuditEntries() {}

  /** Whether a request with this method is a write, and so audited. */
  static boolean audited(String method) {
    return !method.equals("GET") && !method.equals("HEAD");
  }

  static AuditEntry of(
      Principal principal,
      Router.RouteKey route,
      Map<String, String> params,
      List<Router.RouteKey> routes,
      Instant now) {
    List<String> literals = new ArrayList<>();
    String firstParam = null;
    for (String segment : segments(route.pattern())) {
      if (segment.startsWith("{")) {
        if (firstParam == null) {
          firstParam = segment.substring(1, segment.length() - 1);
        }
      } else {
        literals.add(segment);
      }
    }
    String objectType = literals.isEmpty() ? null : literals.get(0);
    String objectId = firstParam == null ? null : params.get(firstParam);
    String action = action(route, literals, routes);
    boolean creates = firstParam == null && action.endsWith(".create");
    return new AuditEntry(
        principal, route.method(), route.pattern(), action, objectType, objectId, creates, now);
  }

  /** The action name of a write route, e.g. {@code campaigns.update}. */
  static String action(Router.RouteKey route, List<Router.RouteKey> routes) {
    List<String> literals =
        segments(route.pattern()).stream().filter(s -> !s.startsWith("{")).toList();
    return action(route, literals, routes);
  }

  private static String action(
      Router.RouteKey route, List<String> literals, List<Router.RouteKey> routes) {
    String base = String.join(".", literals);
    return switch (route.method()) {
      case "PUT", "PATCH" -> base + ".update";
      case "DELETE" -> base + ".delete";
      default -> {
        boolean collection =
            literals.size() == 1
                || routes.contains(new Router.RouteKey("GET", route.pattern()))
                || route.pattern().endsWith("}");
        yield collection ? base + ".create" : base;
      }
    };
  }

  /** The segments after {@code /api/v1/} (all of them for any other path). */
  private static List<String> segments(String pattern) {
    String rest = pattern.startsWith("/api/v1/") ? pattern.substring("/api/v1/".length()) : pattern;
    List<String> segments = new ArrayList<>();
    for (String segment : rest.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }
}
