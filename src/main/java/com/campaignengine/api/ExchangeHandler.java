package com.campaignengine.api;

import com.campaignengine.access.AuditScope;
import com.campaignengine.access.Principal;
import com.campaignengine.access.Role;
import com.campaignengine.app.Workspaces;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one exchange: authenticates {@code /api/} paths by bearer key or dashboard session,
 * routes, checks the caller's role against {@link AccessRules} (the one place that decides), runs
 * the handler (a workspace's write inside an {@link AuditScope}, so that the store records it in
 * the audit log) and writes the JSON answer; every refusal and failure becomes a JSON error.
 */
final class ExchangeHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ExchangeHandler.class);
  private static final String BEARER = "bearer ";

  private final Router router;
  private final Workspaces workspaces;
  private final Clock clock;

  /** {@code clock}: the node's, for when the audit log says a write was made. */
  ExchangeHandler(Router router, Workspaces workspaces, Clock clock) {
    this.router = router;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    long started = System.nanoTime();
    try {
      Response response;
      try {
        response = dispatch(exchange, method, path);
      } catch (Exception e) {
        response = ErrorResponses.of(e, method, path);
      }
      write(exchange, response);
      LOG.debug(
          "HTTP {} {} -> {} in {} ms",
          method,
          path,
          response.status(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      LOG.debug("HTTP {} {}: the client went away: {}", method, path, e.toString());
    } finally {
      exchange.close();
    }
  }

  private Response dispatch(HttpExchange exchange, String method, String path) throws IOException {
    // Provider webhooks prove themselves by signature, and the administrator's routes by the
    // server's admin key: neither takes a workspace's key.
    boolean workspaceRoute = path.startsWith("/api/") && !AccessRules.outsideWorkspaces(path);
    Principal principal =
        workspaceRoute ? authenticate(exchange.getRequestHeaders(), method) : null;
    Router.Match match;
    try {
      match = router.match(method, path);
    } catch (ApiException e) {
      if (e.allow() != null) {
        exchange.getResponseHeaders().set("Allow", e.allow());
      }
      throw e;
    }
    if (principal != null) {
      Role needed = AccessRules.required(match.route());
      if (!principal.role().includes(needed)) {
        throw ApiException.forbidden(needed);
      }
    }
    Request request = new Request(exchange, match.params(), principal, match.route());
    if (principal == null || !AuditEntries.audited(method)) {
      return match.handler().handle(request);
    }
    // A workspace's write: the store records it in the transaction of its change (AuditScope).
    AuditScope audit =
        AuditScope.open(
            AuditEntries.of(
                principal, match.route(), match.params(), router.routes(), clock.instant()));
    try {
      return match.handler().handle(request);
    } finally {
      audit.close();
    }
  }

  /**
   * A bearer API key, or the dashboard's session cookie. A cookie is sent by the browser on its
   * own, so a change made with one must also carry {@value DashboardPages#CSRF_HEADER}: a header
   * another site's page cannot add without a CORS grant, which this server never gives.
   */
  private Principal authenticate(Headers headers, String method) {
    String authorization = headers.getFirst("Authorization");
    if (authorization == null) {
      String session = Cookies.value(headers, DashboardPages.SESSION_COOKIE);
      if (session == null) {
        throw ApiException.unauthorized();
      }
      Principal principal =
          workspaces.sessionPrincipal(session).orElseThrow(ApiException::unauthorized);
      if (!method.equals("GET")
          && !method.equals("HEAD")
          && !DashboardPages.CSRF_VALUE.equals(headers.getFirst(DashboardPages.CSRF_HEADER))) {
        throw new ApiException(
            403,
            DashboardPages.CSRF_HEADER,
            "a change made with the dashboard's session needs the "
                + DashboardPages.CSRF_HEADER
                + " header");
      }
      return principal;
    }
    if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw ApiException.unauthorized();
    }
    return workspaces
        .principal(authorization.substring(BEARER.length()))
        .orElseThrow(ApiException::unauthorized);
  }

  private static void write(HttpExchange exchange, Response response) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    for (Map.Entry<String, String> header :
        Map.of(
                "Content-Type", "application/json; charset=utf-8",
                "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff")
            .entrySet()) {
      headers.set(header.getKey(), header.getValue());
    }
    if (response.status() == 401) {
      headers.set("WWW-Authenticate", "Bearer");
    }
    if (response.location() != null) {
      headers.set("Location", response.location());
    }
    if (response.setCookie() != null) {
      headers.add("Set-Cookie", response.setCookie());
    }
    if ("HEAD".equals(exchange.getRequestMethod()) || response.status() == 204) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    if (response.writer() != null) {
      exchange.sendResponseHeaders(response.status(), 0); // chunked: the length is not known yet
      try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16);
          JsonGenerator json = Json.MAPPER.createGenerator(out)) {
        response.writer().write(json);
      }
      return;
    }
    byte[] bytes =
        response.body() == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(response.body());
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
