package com.campaignengine.api;

import com.campaignengine.app.OidcLogin;
import com.campaignengine.app.Users;
import com.campaignengine.app.Workspaces;
import com.campaignengine.failure.GoneException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages a person reaches without a session: the invite link ({@code /invite/<token>}: set a
 * password) and the OIDC login ({@code /oidc/login}, {@code /oidc/callback}). Same look and
 * Content-Security-Policy as the dashboard's login page.
 */
final class TeamPages implements HttpHandler {
  /** The state of a single sign-on this browser started, for its callback only. */
  static final String STATE_COOKIE = "ce_oidc_state";

  private static final Logger LOG = LoggerFactory.getLogger(TeamPages.class);
  private static final String HTML = "text/html; charset=utf-8";
  private static final int FORM_LIMIT = 4096;

  private final Users users;
  private final boolean secureCookie;

  TeamPages(Users users, boolean secureCookie) {
    this.users = users;
    this.secureCookie = secureCookie;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    try (exchange) {
      if (path.startsWith("/invite/") && path.indexOf('/', 8) < 0 && path.length() > 8) {
        invite(exchange, method, path.substring(8));
      } else if (path.equals("/oidc/login") && method.equals("GET")) {
        oidcStart(exchange);
      } else if (path.equals("/oidc/callback") && method.equals("GET")) {
        oidcCallback(exchange);
      } else {
        page(exchange, 404, "Not found", "<p>There is nothing here.</p>");
      }
    } catch (IOException e) {
      LOG.debug("{} {}: the client went away: {}", method, path, e.toString());
    }
  }

  private void invite(HttpExchange exchange, String method, String token) throws IOException {
    try {
      if (method.equals("GET")) {
        users.checkInvite(token);
        page(exchange, 200, "Set your password", passwordForm(token, null));
      } else if (method.equals("POST")) {
        String password;
        try {
          Map<String, String> form =
              DashboardPages.form(
                  new String(Bodies.read(exchange, FORM_LIMIT), StandardCharsets.UTF_8));
          password = form.get("password");
        } catch (ApiException | IllegalArgumentException e) {
          password = null;
        }
        users.acceptInvite(token, password);
        page(
            exchange,
            200,
            "Password set",
            "<p id=\"invite-done\">Your password is set.</p>"
                + "<p><a class=\"button\" id=\"to-login\" href=\"/login\">Log in</a></p>");
      } else {
        exchange.getResponseHeaders().set("Allow", "GET, POST");
        page(exchange, 405, "Not allowed", "<p>Method not allowed.</p>");
      }
    } catch (GoneException e) {
      page(
          exchange,
          410,
          "Link no longer valid",
          paragraph(
              "invite-gone", e.getMessage() + ". Ask an admin of your workspace for a new one."));
    } catch (NotFoundException e) {
      page(
          exchange,
          404,
          "Unknown link",
          paragraph("invite-unknown", "This invite link is not known."));
    } catch (ValidationException e) {
      page(exchange, 422, "Set your password", passwordForm(token, e.getMessage()));
    }
  }

  private void oidcStart(HttpExchange exchange) throws IOException {
    Optional<OidcLogin> oidc = users.oidc();
    if (oidc.isEmpty()) {
      page(exchange, 404, "Not available", paragraph("oidc-off", "Single sign-on is not set up."));
      return;
    }
    try {
      URI authorization = oidc.get().start();
      // The state is bound to this browser: a callback URL someone else started (login CSRF,
      // logging the victim in as the attacker) finds no matching cookie and is refused. Lax: the
      // provider's redirect back is a top-level navigation from its site.
      String state = QueryParams.parse(authorization.getRawQuery()).text("state");
      exchange
          .getResponseHeaders()
          .add(
              "Set-Cookie",
              STATE_COOKIE
                  + "="
                  + state
                  + "; Path=/oidc/callback; Max-Age=600; HttpOnly; SameSite=Lax"
                  + (secureCookie ? "; Secure" : ""));
      exchange.getResponseHeaders().set("Location", authorization.toString());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(302, -1);
    } catch (OidcLogin.Refused e) {
      page(exchange, 502, "Cannot log in", paragraph("oidc-error", e.getMessage()));
    }
  }

  private void oidcCallback(HttpExchange exchange) throws IOException {
    Optional<OidcLogin> oidc = users.oidc();
    if (oidc.isEmpty()) {
      page(exchange, 404, "Not available", paragraph("oidc-off", "Single sign-on is not set up."));
      return;
    }
    QueryParams query;
    try {
      query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
    } catch (RuntimeException e) {
      page(exchange, 400, "Cannot log in", paragraph("oidc-error", "The answer cannot be read."));
      return;
    }
    if (query.text("error") != null) {
      page(
          exchange,
          403,
          "Cannot log in",
          paragraph("oidc-error", "The identity provider refused: " + query.text("error")));
      return;
    }
    String state = query.text("state");
    String bound = Cookies.value(exchange.getRequestHeaders(), STATE_COOKIE);
    if (state == null
        || bound == null
        || !java.security.MessageDigest.isEqual(
            state.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            bound.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      page(
          exchange,
          403,
          "Cannot log in",
          paragraph(
              "oidc-error",
              "This login was not started in this browser. Start again from the login page."));
      return;
    }
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", STATE_COOKIE + "=; Path=/oidc/callback; Max-Age=0; HttpOnly");
    try {
      OidcLogin.Identity identity = oidc.get().finish(query.text("code"), state);
      Workspaces.Session session = users.login(identity);
      long seconds = Workspaces.SESSION_LENGTH.toSeconds();
      exchange
          .getResponseHeaders()
          .add("Set-Cookie", DashboardPages.cookie(session.token(), seconds, secureCookie));
      // A page rather than a redirect: the browser came from the provider's site, and a
      // SameSite=Strict cookie is only sent once it navigates from a page of ours.
      page(
          exchange,
          200,
          "Logged in",
          "<meta http-equiv=\"refresh\" content=\"0;url=/\">"
              + "<p id=\"oidc-done\">You are logged in.</p>"
              + "<p><a class=\"button\" href=\"/\">Open the dashboard</a></p>");
    } catch (OidcLogin.Refused e) {
      page(exchange, 403, "Cannot log in", paragraph("oidc-error", e.getMessage()));
    } catch (NotFoundException e) {
      page(
          exchange,
          403,
          "No account",
          paragraph(
              "oidc-no-user",
              "No user of this campaign-engine has your address. Ask an admin of your workspace"
                  + " to invite you."));
    }
  }

  private static String passwordForm(String token, String error) {
    return (error == null
            ? ""
            : paragraph("invite-error", error).replace("<p ", "<p class=\"error\" "))
        + "<form method=\"post\" action=\"/invite/"
        + escape(token)
        + "\" id=\"invite-form\">"
        + "<p>Choose a password of 12 to 200 characters.</p>"
        + "<label for=\"password\">Password</label>"
        + "<input id=\"password\" name=\"password\" type=\"password\""
        + " autocomplete=\"new-password\" minlength=\"12\" maxlength=\"200\" required autofocus>"
        + "<button type=\"submit\" id=\"set-password\">Set password</button></form>";
  }

  static String paragraph(String id, String text) {
    return "<p id=\"" + id + "\">" + escape(text) + "</p>";
  }

  /** A page of the login page's look: {@code body} is HTML, its text already escaped. */
  static void page(HttpExchange exchange, int status, String title, String body)
      throws IOException {
    String html =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>"
            + escape(title)
            + " · campaign-engine</title>"
            + "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head>"
            + "<body class=\"login\"><div class=\"card login-card\"><h1>campaign-engine</h1>"
            + "<h2>"
            + escape(title)
            + "</h2>"
            + body
            + "</div></body></html>";
    DashboardPages.send(exchange, status, HTML, html.getBytes(StandardCharsets.UTF_8));
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
