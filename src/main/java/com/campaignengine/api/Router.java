package com.campaignengine.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Routes by method and path pattern; a pattern segment {@code {name}} matches any one segment and
 * is handed to the handler as a path parameter. Routes are added at start, then only read.
 */
final class Router {
  /**
   * A matched route: its handler, the values of its {@code {name}} segments, and the route itself
   * (what {@link AccessRules} and the audit log go by).
   */
  record Match(Handler handler, Map<String, String> params, RouteKey route) {}

  /** A route as registered: its method and its pattern, e.g. {@code /api/v1/campaigns/{id}}. */
  record RouteKey(String method, String pattern) {}

  private record Route(String method, List<String> pattern, Handler handler) {
    RouteKey key() {
      return new RouteKey(method, "/" + String.join("/", pattern));
    }
  }

  private final List<Route> routes = new ArrayList<>();

  Router get(String pattern, Handler handler) {
    return add("GET", pattern, handler);
  }

  Router post(String pattern, Handler handler) {
    return add("POST", pattern, handler);
  }

  Router delete(String pattern, Handler handler) {
    return add("DELETE", pattern, handler);
  }

  Router patch(String pattern, Handler handler) {
    return add("PATCH", pattern, handler);
  }

  /** Every route, in the order added: what the access table and the isolation test walk. */
  List<RouteKey> routes() {
    return routes.stream().map(Route::key).toList();
  }

  Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, segments(pattern), handler));
    return this;
  }

  /** The route for this request; 404 if no pattern matches the path, 405 if the method differs. */
  Match match(String method, String path) {
    List<String> segments = segments(path);
    Set<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Map<String, String> params = bind(route.pattern(), segments);
      if (params == null) {
        continue;
      }
      if (route.method().equals(method)) {
        return new Match(route.handler(), params, route.key());
      }
      allowed.add(route.method());
    }
    if (allowed.isEmpty()) {
      throw ApiException.notFound("path", "no such resource: " + path);
    }
    throw ApiException.methodNotAllowed(method, String.join(", ", allowed));
  }

  private static Map<String, String> bind(List<String> pattern, List<String> segments) {
    if (pattern.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String expected = pattern.get(i);
      String actual = segments.get(i);
      if (expected.startsWith("{") && expected.endsWith("}")) {
        params.put(expected.substring(1, expected.length() - 1), actual);
      } else if (!expected.equals(actual)) {
        return null;
      }
    }
    return params;
  }

  /** Empty segments are ignored: "/api/v1/people/" and "/api/v1/people" are the same path. */
  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }
}
