package com.campaignengine.testing;

import com.campaignengine.node.OAuthApps;
import com.campaignengine.node.ProviderEndpoints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's and Microsoft's OAuth 2.0 endpoints on one real local HTTP server, from their documented
 * formats, for "Connect Gmail" and "Connect Microsoft 365":
 *
 * <ul>
 *   <li>the authorization endpoints ({@code /google/auth}; {@code
 *       /microsoft/{tenant}/oauth2/v2.0/authorize}) check the client, {@code response_type=code}
 *       and an S256 challenge, then at once (no person in a test) redirect back to {@code
 *       redirect_uri} with {@code code} and {@code state}, or {@code error=access_denied} when told
 *       to deny;
 *   <li>the token endpoints ({@code /google/token}; {@code /microsoft/{tenant}/oauth2/v2.0/token})
 *       check the client's id and secret, that the code was issued and is used once, the {@code
 *       redirect_uri}, and the PKCE verifier against the challenge (RFC 7636 §4.6), else {@code 400
 *       {"error":"invalid_grant"}}; a refresh-token grant answers a new access token, as Gmail's
 *       transport asks;
 *   <li>the account: Google's userinfo ({@code /google/userinfo}: {@code email}, {@code
 *       email_verified}, {@code hd} for a Workspace account) and Graph's {@code /graph/v1.0/me}
 *       ({@code mail}, {@code userPrincipalName}), for a bearer token it issued.
 * </ul>
 */
public final class OAuthProviderStub implements AutoCloseable {
  public static final String GOOGLE_CLIENT_ID = "connect-stub.apps.googleusercontent.com";
  public static final String GOOGLE_CLIENT_SECRET = "GOCSPX-connect-stub-secret";
  public static final String MICROSOFT_CLIENT_ID = "6f1c0a6e-0000-4000-8000-00000000c0de";
  public static final String MICROSOFT_CLIENT_SECRET = "ms~connect-stub-secret";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An account a provider vouches for. */
  public record Account(String email, String name, String hostedDomain) {}

  /** An authorization request as the stub saw it (its query). */
  public record Authorization(String provider, Map<String, String> query) {}

  private record Grant(
      String provider, String clientId, String redirectUri, String challenge, Account account) {}

  private final HttpServer server;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Account> accessTokens = new ConcurrentHashMap<>();
  private final List<Authorization> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private volatile Account google = new Account("ada@gmail.com", "Ada Lovelace", null);
  private volatile Account microsoft =
      new Account("ada@contoso.onmicrosoft.com", "Ada Lovelace", null);
  private volatile boolean deny;
  private volatile boolean refreshTokens = true;
  private volatile boolean wrongChallenge;

  public OAuthProviderStub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/google/auth", e -> authorize(e, "google"));
    server.createContext("/google/token", e -> token(e, "google"));
    server.createContext("/google/userinfo", this::userinfo);
    server.createContext("/microsoft/", this::microsoft);
    server.createContext("/graph/v1.0/me", this::me);
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The node's endpoints pointing here (the Gmail API too: nothing here answers it). */
  public ProviderEndpoints endpoints() {
    return new ProviderEndpoints(
        URI.create(base() + "/gmail"),
        URI.create(base() + "/google/token"),
        URI.create(base() + "/resend"),
        URI.create(base() + "/google/auth"),
        URI.create(base() + "/google/userinfo"),
        URI.create(base() + "/microsoft"),
        URI.create(base() + "/graph/v1.0"));
  }

  /** Both clients configured, Microsoft's in tenant {@code common}. */
  public static OAuthApps apps() {
    return new OAuthApps(
        new OAuthApps.OAuthApp(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET),
        new OAuthApps.OAuthApp(MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET),
        "common");
  }

  /** The Google account that signs in next. */
  public void googleAccount(Account account) {
    this.google = account;
  }

  /** The Microsoft account that signs in next. */
  public void microsoftAccount(Account account) {
    this.microsoft = account;
  }

  /** The person declines the consent: the next authorizations answer {@code access_denied}. */
  public void deny(boolean deny) {
    this.deny = deny;
  }

  /** Whether the token endpoint answers a refresh token (Google does not on a repeated consent). */
  public void refreshTokens(boolean answer) {
    this.refreshTokens = answer;
  }

  /** Records another challenge than the one sent with the next codes: their verifier fails. */
  public void wrongChallenge(boolean wrong) {
    this.wrongChallenge = wrong;
  }

  public List<Authorization> authorizations() {
    return List.copyOf(authorizations);
  }

  public int tokenRequests() {
    return tokenRequests.get();
  }

  private void microsoft(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.matches("/microsoft/[A-Za-z0-9.-]+/oauth2/v2\\.0/authorize")) {
      authorize(exchange, "microsoft");
    } else if (path.matches("/microsoft/[A-Za-z0-9.-]+/oauth2/v2\\.0/token")) {
      token(exchange, "microsoft");
    } else {
      json(exchange, 404, "{\"error\":\"not_found\"}");
    }
  }

  private void authorize(HttpExchange exchange, String provider) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    authorizations.add(new Authorization(provider, Map.copyOf(query)));
    String clientId = provider.equals("google") ? GOOGLE_CLIENT_ID : MICROSOFT_CLIENT_ID;
    String redirect = query.get("redirect_uri");
    if (!clientId.equals(query.get("client_id")) || redirect == null) {
      html(exchange, 400, "invalid_client or no redirect_uri");
      return;
    }
    String state = query.get("state");
    if (deny) {
      redirect(exchange, redirect, Map.of("error", "access_denied", "state", state));
      return;
    }
    if (!"code".equals(query.get("response_type"))
        || !"S256".equals(query.get("code_challenge_method"))
        || query.get("code_challenge") == null) {
      redirect(exchange, redirect, Map.of("error", "invalid_request", "state", state));
      return;
    }
    String code = provider + "-code-" + UUID.randomUUID();
    String challenge =
        wrongChallenge ? s256("a-verifier-the-client-never-had") : query.get("code_challenge");
    codes.put(
        code,
        new Grant(
            provider,
            clientId,
            redirect,
            challenge,
            provider.equals("google") ? google : microsoft));
    redirect(exchange, redirect, Map.of("code", code, "state", state));
  }

  private void token(HttpExchange exchange, String provider) throws IOException {
    tokenRequests.incrementAndGet();
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    boolean google = provider.equals("google");
    String clientId = google ? GOOGLE_CLIENT_ID : MICROSOFT_CLIENT_ID;
    String secret = google ? GOOGLE_CLIENT_SECRET : MICROSOFT_CLIENT_SECRET;
    if (!exchange.getRequestMethod().equals("POST")) {
      json(exchange, 405, "{\"error\":\"invalid_request\"}");
      return;
    }
    if (!clientId.equals(form.get("client_id")) || !secret.equals(form.get("client_secret"))) {
      json(exchange, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    if ("refresh_token".equals(form.get("grant_type")) && form.get("refresh_token") != null) {
      json(exchange, 200, tokens(null, false).toString());
      return;
    }
    Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
    boolean good =
        "authorization_code".equals(form.get("grant_type"))
            && grant != null
            && grant.provider().equals(provider)
            && grant.redirectUri().equals(form.get("redirect_uri"))
            && form.get("code_verifier") != null
            && s256(form.get("code_verifier")).equals(grant.challenge());
    if (!good) {
      json(exchange, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    json(exchange, 200, tokens(grant.account(), refreshTokens).toString());
  }

  private ObjectNode tokens(Account account, boolean refresh) {
    String access = "ya29.stub-" + UUID.randomUUID();
    if (account != null) {
      accessTokens.put(access, account);
    }
    ObjectNode json = JSON.createObjectNode();
    json.put("access_token", access);
    json.put("token_type", "Bearer");
    json.put("expires_in", 3599);
    if (refresh) {
      json.put("refresh_token", "1//stub-refresh-" + UUID.randomUUID());
    }
    return json;
  }

  private Account bearer(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization == null || !authorization.startsWith("Bearer ")
        ? null
        : accessTokens.get(authorization.substring(7));
  }

  private void userinfo(HttpExchange exchange) throws IOException {
    Account account = bearer(exchange);
    if (account == null) {
      json(exchange, 401, "{\"error\":\"invalid_token\"}");
      return;
    }
    ObjectNode json = JSON.createObjectNode();
    json.put("sub", "1" + Math.abs(account.email().hashCode()));
    json.put("email", account.email());
    json.put("email_verified", true);
    json.put("name", account.name());
    if (account.hostedDomain() != null) {
      json.put("hd", account.hostedDomain());
    }
    json(exchange, 200, json.toString());
  }

  private void me(HttpExchange exchange) throws IOException {
    Account account = bearer(exchange);
    if (account == null) {
      json(
          exchange,
          401,
          "{\"error\":{\"code\":\"InvalidAuthenticationToken\","
              + "\"message\":\"Access token is empty.\"}}");
      return;
    }
    ObjectNode json = JSON.createObjectNode();
    json.put(
        "id", UUID.nameUUIDFromBytes(account.email().getBytes(StandardCharsets.UTF_8)).toString());
    json.put("displayName", account.name());
    json.put("mail", account.email());
    json.put("userPrincipalName", account.email());
    json(exchange, 200, json.toString());
  }

  private static void redirect(HttpExchange exchange, String to, Map<String, String> params)
      throws IOException {
    StringBuilder location = new StringBuilder(to).append(to.contains("?") ? '&' : '?');
    boolean first = true;
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (param.getValue() == null) {
        continue;
      }
      if (!first) {
        location.append('&');
      }
      first = false;
      location
          .append(param.getKey())
          .append('=')
          .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
    }
    exchange.getResponseHeaders().set("Location", location.toString());
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    if (body == null) {
      return fields;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  /** The PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
  public static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void html(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, "text/html; charset=utf-8", "<p>" + text + "</p>");
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
