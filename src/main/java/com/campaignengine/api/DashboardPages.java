package com.campaignengine.api;

import com.campaignengine.app.Users;
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
 * The dashboard at {@code /}: a login with a user's email and password (at most {@value
 * Users#MAX_FAILURES} failures in 15 minutes, then 429) or with an API key, that sets a session
 * cookie (HttpOnly, SameSite=Strict; Secure when the public URL is https), the page and its static
 * assets. The page reads the JSON API with that cookie. Every other path goes to the API handler.
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
          "/assets/api-keys.js",
              new Asset("/dashboard/api-keys.js", "text/javascript; charset=utf-8"),
          "/assets/audit.js", new Asset("/dashboard/audit.js", "text/javascript; charset=utf-8"),
          "/assets/inbox.js", new Asset("/dashboard/inbox.js", "text/javascript; charset=utf-8"),
          "/assets/tasks.js", new Asset("/dashboard/tasks.js", "text/javascript; charset=utf-8"),
          "/assets/uPlot.iife.min.js",
              new Asset(WEBJAR + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
          "/assets/uPlot.min.css", new Asset(WEBJAR + "uPlot.min.css", "text/css; charset=utf-8"));

  private final Workspaces workspaces;
  private final Users users;
  private final HttpHandler api;
  private final boolean secureCookie;
  private final Map<String, byte[]> files;

  DashboardPages(Workspaces workspaces, Users users, HttpHandler api, boolean secureCookie) {
    this.workspaces = workspaces;
    this.users = users;
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
        send(exchange, 200, "text/html; charset=utf-8", loginPage(null));
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
    Map<String, String> form;
    try {
      form = form(new String(Bodies.read(exchange, FORM_LIMIT), StandardCharsets.UTF_8));
    } catch (ApiException | IllegalArgumentException e) {
      form = Map.of();
    }
    if (form.containsKey("email")) {
      Users.Login login = users.login(form.get("email"), form.get("password"));
      if (login instanceof Users.Login.LoggedIn in) {
        startSession(exchange, in.session());
      } else if (login instanceof Users.Login.Locked locked) {
        long seconds = locked.retryAfter().toSeconds();
        exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        String wait = "Too many failed logins: try again in " + minutes(seconds) + ".";
        send(exchange, 429, "text/html; charset=utf-8", loginPage(wait));
      } else {
        send(
            exchange,
            401,
            "text/html; charset=utf-8",
            loginPage("That email and password do not match."));
      }
      return;
    }
    Optional<Workspaces.Session> session = workspaces.login(form.get("api_key"));
    if (session.isEmpty()) {
      send(exchange, 401, "text/html; charset=utf-8", loginPage("That API key is not valid."));
      return;
    }
    startSession(exchange, session.get());
  }

  private void startSession(HttpExchange exchange, Workspaces.Session session) throws IOException {
    long seconds = Workspaces.SESSION_LENGTH.toSeconds();
    exchange.getResponseHeaders().add("Set-Cookie", cookie(session.token(), seconds));
    redirect(exchange, "/");
  }

  private static String minutes(long seconds) {
    long minutes = (seconds + 59) / 60;
    return minutes == 1 ? "a minute" : minutes + " minutes";
  }

  /** An urlencoded form's fields (the first of each name). */
  static Map<String, String> form(String form) {
    Map<String, String> fields = new java.util.HashMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.putIfAbsent(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  private Optional<Long> session(HttpExchange exchange) {
    return workspaces.sessionWorkspace(Cookies.value(exchange.getRequestHeaders(), SESSION_COOKIE));
  }

  private String cookie(String value, long maxAgeSeconds) {
    return cookie(value, maxAgeSeconds, secureCookie);
  }

  /** The session cookie: HttpOnly, SameSite=Strict, Secure on https. */
  static String cookie(String value, long maxAgeSeconds, boolean secureCookie) {
    return SESSION_COOKIE
        + "="
        + value
        + "; Path=/; Max-Age="
        + maxAgeSeconds
        + "; HttpOnly; SameSite=Strict"
        + (secureCookie ? "; Secure" : "");
  }

  /** The login page, with {@code error} (plain text of ours) above the forms when not null. */
  private byte[] loginPage(String error) {
    String html = new String(files.get("login"), StandardCharsets.UTF_8);
    String shown = error == null ? "" : "<p class=\"error\" id=\"login-error\">" + error + "</p>";
    String oidc =
        users.oidc().isPresent()
            ? "<p><a class=\"button\" id=\"oidc-login\" href=\"/oidc/login\">Log in with your"
                + " company account (SSO)</a></p>"
            : "";
    return bytes(html.replace("<!--error-->", shown).replace("<!--oidc-->", oidc));
  }

  static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(303, -1);
  }

  static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
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
