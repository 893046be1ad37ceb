package com.campaignengine.api;

import com.campaignengine.app.Workspaces;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard at {@code /}: a login with the workspace's API key that sets a session cookie
 * (HttpOnly, SameSite=Strict; Secure when the public URL is https), the page and its static assets.
 * The page reads the JSON API with that cookie. Every other path goes to the API handler.
 */
final class DashboardPages implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardPages.class);

  static final String SESSION_COOKIE = "ce_session";
  static final String CSRF_HEADER = "X-Requested-With";
  static final String CSRF_VALUE = "campaign-engine-dashboard";

  private static final int FORM_LIMIT = 4096;
  private static final String WEBJAR = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final String CSP =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
          + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

  private record Asset(String resource, String contentType) {}

  private static final Map<String, Asset> ASSETS =
      Map.of(
          "/assets/app.js", new Asset("/dashboard/app.js", "text/javascript; charset=utf-8"),
          "/assets/app.css", new Asset("/dashboard/app.css", "text/css; charset=utf-8"),
          "/assets/audit.js", new Asset("/dashboard/audit.js", "text/javascript; charset=utf-8"),
          "/assets/uPlot.iife.min.js",
              new Asset(WEBJAR + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
          "/assets/uPlot.min.css", new Asset(WEBJAR + "uPlot.min.css", "text/css; charset=utf-8"));

  private final Workspaces workspaces;
  private final HttpHandler api;
  private final boolean secureCookie;
  private final Map<String, byte[]> files;

  DashboardPages(Workspaces workspaces, HttpHandler api, boolean secureCookie) {
    this.workspaces = workspaces;
    this.api = api;
    this.secureCookie = secureCookie;
    this.files =
        Map.of(
            "index", load("/dashboard/index.html"),
            "login", load("/dashboard/login.html"));
    ASSETS.values().forEach(asset -> load(asset.resource())); // fail at start, not on a click
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    boolean page =
        path.equals("/")
            || path.equals("/login")
            || path.equals("/logout")
            || ASSETS.containsKey(path);
    if (!page) {
      api.handle(exchange);
      return;
    }
    try (exchange) {
      if (ASSETS.containsKey(path) && method.equals("GET")) {
        Asset asset = ASSETS.get(path);
        send(exchange, 200, asset.contentType(), load(asset.resource()));
      } else if (path.equals("/") && method.equals("GET")) {
        if (session(exchange).isPresent()) {
          send(exchange, 200, "text/html; charset=utf-8", files.get("index"));
        } else {
          redirect(exchange, "/login");
        }
      } else if (path.equals("/login") && method.equals("GET")) {
        send(exchange, 200, "text/html; charset=utf-8", loginPage(false));
      } else if (path.equals("/login") && method.equals("POST")) {
        login(exchange);
      } else if (path.equals("/logout") && method.equals("POST")) {
        String token = Cookies.value(exchange.getRequestHeaders(), SESSION_COOKIE);
        workspaces.logout(token);
        exchange.getResponseHeaders().add("Set-Cookie", cookie("", 0));
        redirect(exchange, "/login");
      } else {
        exchange.getResponseHeaders().set("Allow", path.equals("/login") ? "GET, POST" : "GET");
        send(exchange, 405, "text/plain; charset=utf-8", bytes("method not allowed"));
      }
    } catch (IOException e) {
      LOG.debug("dashboard {} {}: the client went away: {}", method, path, e.toString());
    }
  }

  private void login(HttpExchange exchange) throws IOException {
    String key;
    try {
      key = formField(new String(Bodies.read(exchange, FORM_LIMIT), StandardCharsets.UTF_8));
    } catch (ApiException | IllegalArgumentException e) {
      key = null;
    }
    Optional<Workspaces.Session> session = workspaces.login(key);
    if (session.isEmpty()) {
      send(exchange, 401, "text/html; charset=utf-8", loginPage(true));
      return;
    }
    long seconds = Workspaces.SESSION_LENGTH.toSeconds();
    exchange.getResponseHeaders().add("Set-Cookie", cookie(session.get().token(), seconds));
    redirect(exchange, "/");
  }

  private static String formField(String form) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("api_key")) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private Optional<Long> session(HttpExchange exchange) {
    return workspaces.sessionWorkspace(Cookies.value(exchange.getRequestHeaders(), SESSION_COOKIE));
  }

  private String cookie(String value, long maxAgeSeconds) {
    return SESSION_COOKIE
        + "="
        + value
        + "; Path=/; Max-Age="
        + maxAgeSeconds
        + "; HttpOnly; SameSite=Strict"
        + (secureCookie ? "; Secure" : "");
  }

  private byte[] loginPage(boolean failed) {
    String html = new String(files.get("login"), StandardCharsets.UTF_8);
    String error =
        failed ? "<p class=\"error\" id=\"login-error\">That API key is not valid.</p>" : "";
    return bytes(html.replace("<!--error-->", error));
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(303, -1);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", type);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Content-Security-Policy", CSP);
    headers.set("Referrer-Policy", "no-referrer");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] load(String resource) {
    try (InputStream in = DashboardPages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing dashboard resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
