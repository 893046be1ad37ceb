package com.campaignengine.app;

import com.campaignengine.failure.CampaignEngineException;
import com.campaignengine.store.UserStore;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Dashboard login through an OpenID Connect provider (Google Workspace, Microsoft Entra, …), found
 * by discovery ({@code <issuer>/.well-known/openid-configuration}). The authorization code flow
 * with PKCE (S256), a single-use state (10 minutes) and a nonce; the id_token's signature is
 * checked against the provider's JWKS (RS256), then its issuer, audience, expiry and nonce, and the
 * address must be verified. Thread-safe.
 */
public final class OidcLogin {
  /** How long a login may take at the provider. */
  public static final Duration STATE_LENGTH = Duration.ofMinutes(10);

  /** Clock difference allowed between this node and the provider, for the id_token's expiry. */
  private static final Duration SKEW = Duration.ofMinutes(1);

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * @param issuer the provider's issuer URL ({@code CAMPAIGN_ENGINE_OIDC_ISSUER})
   * @param clientId {@code CAMPAIGN_ENGINE_OIDC_CLIENT_ID}
   * @param clientSecret {@code CAMPAIGN_ENGINE_OIDC_CLIENT_SECRET}
   * @param redirectUri {@code <public url>/oidc/callback}, as registered at the provider
   */
  public record Settings(String issuer, String clientId, String clientSecret, String redirectUri) {
    @Override
    public String toString() {
      return "OidcLogin.Settings[issuer=" + issuer + ", clientId=" + clientId + "]";
    }
  }

  /** Whom the provider vouched for: {@code subject} is {@code issuer|sub}. */
  public record Identity(String subject, String email) {}

  /** The login cannot go on; the message is for the person logging in. */
  public static final class Refused extends CampaignEngineException {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message);
    }
  }

  private record Discovery(String issuer, URI authorization, URI token, URI jwks) {}

  private final Settings settings;
  private final UserStore store;
  private final Clock clock;
  private final HttpClient http;
  private volatile Discovery discovery;

  public OidcLogin(Settings settings, UserStore store, Clock clock) {
    this.settings = settings;
    this.store = store;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** Where to send the browser to log in: the provider's authorization endpoint. */
  public URI start() {
    Discovery provider = discovery();
    String state = Workspaces.newToken();
    String nonce = Workspaces.newToken();
    String verifier = Workspaces.newToken(); // 43 characters of base64url: a valid PKCE verifier
    Instant now = clock.instant();
    store.saveLoginState(
        Workspaces.sha256(state),
        new UserStore.LoginState(nonce, verifier),
        now,
        now.plus(STATE_LENGTH));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", settings.clientId());
    query.put("redirect_uri", settings.redirectUri());
    query.put("scope", "openid email profile");
    query.put("state", state);
    query.put("nonce", nonce);
    query.put("code_challenge", challenge(verifier));
    query.put("code_challenge_method", "S256");
    String base = provider.authorization().toString();
    return URI.create(base + (base.contains("?") ? "&" : "?") + form(query));
  }

  /**
   * The provider's answer: exchanges the code and verifies the id_token.
   *
   * @throws Refused when anything is missing, used, expired or does not verify
   */
  public Identity finish(String code, String state) {
    if (code == null || code.isBlank() || state == null || state.isBlank()) {
      throw new Refused("the identity provider's answer has no code or no state");
    }
    UserStore.LoginState login =
        store
            .takeLoginState(Workspaces.sha256(state), clock.instant())
            .orElseThrow(() -> new Refused("this login has expired or was used: start again"));
    Discovery provider = discovery();
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", settings.redirectUri());
    body.put("client_id", settings.clientId());
    body.put("client_secret", settings.clientSecret());
    body.put("code_verifier", login.codeVerifier());
    Map<String, Object> tokens =
        json(
            HttpRequest.newBuilder(provider.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))),
            "token endpoint");
    Object idToken = tokens.get("id_token");
    if (!(idToken instanceof String text)) {
      throw new Refused("the identity provider returned no id_token");
    }
    return verify(text, provider, login.nonce());
  }

  private Identity verify(String idToken, Discovery provider, String nonce) {
    try {
      SignedJWT jwt = SignedJWT.parse(idToken);
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
        throw new Refused("the id_token is not signed with RS256");
      }
      JWKSet keys = JWKSet.parse(text(HttpRequest.newBuilder(provider.jwks()), "JWKS"));
      String kid = jwt.getHeader().getKeyID();
      JWK key =
          kid != null
              ? keys.getKeyByKeyId(kid)
              : keys.getKeys().stream().filter(k -> k instanceof RSAKey).findFirst().orElse(null);
      if (!(key instanceof RSAKey rsa) || !jwt.verify(new RSASSAVerifier(rsa))) {
        throw new Refused("the id_token's signature does not verify");
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      if (!provider.issuer().equals(claims.getIssuer())) {
        throw new Refused("the id_token is from another issuer");
      }
      if (claims.getAudience() == null || !claims.getAudience().contains(settings.clientId())) {
        throw new Refused("the id_token is meant for another application");
      }
      Date expires = claims.getExpirationTime();
      if (expires == null || !expires.toInstant().plus(SKEW).isAfter(clock.instant())) {
        throw new Refused("the id_token has expired");
      }
      if (!nonce.equals(claims.getStringClaim("nonce"))) {
        throw new Refused("the id_token's nonce does not match this login");
      }
      String email = claims.getStringClaim("email");
      if (claims.getSubject() == null || email == null) {
        throw new Refused("the id_token names no subject or no email address");
      }
      // Microsoft Entra sends no email_verified; its optional claim xms_edov says the same.
      if (!Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"))
          && !Boolean.TRUE.equals(claims.getBooleanClaim("xms_edov"))) {
        throw new Refused("the identity provider has not verified the address " + email);
      }
      return new Identity(provider.issuer() + "|" + claims.getSubject(), email);
    } catch (ParseException | JOSEException e) {
      throw new Refused("the id_token cannot be read: " + e.getMessage());
    }
  }

  private Discovery discovery() {
    Discovery known = discovery;
    if (known != null) {
      return known;
    }
    String issuer = settings.issuer().replaceAll("/+$", "");
    Map<String, Object> document =
        json(
            HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")),
            "discovery document");
    try {
      known =
          new Discovery(
              String.valueOf(document.get("issuer")),
              URI.create(String.valueOf(document.get("authorization_endpoint"))),
              URI.create(String.valueOf(document.get("token_endpoint"))),
              URI.create(String.valueOf(document.get("jwks_uri"))));
    } catch (IllegalArgumentException e) {
      throw new Refused("the identity provider's discovery document is incomplete");
    }
    if (!known.issuer().equals(issuer) && !known.issuer().equals(settings.issuer())) {
      throw new Refused("the discovery document names another issuer: " + known.issuer());
    }
    discovery = known;
    return known;
  }

  private Map<String, Object> json(HttpRequest.Builder request, String what) {
    try {
      return JSONObjectUtils.parse(text(request, what));
    } catch (ParseException e) {
      throw new Refused("the identity provider's " + what + " is not JSON");
    }
  }

  private String text(HttpRequest.Builder request, String what) {
    try {
      HttpResponse<String> response =
          http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new Refused(
            "the identity provider's " + what + " answered HTTP " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new Refused("the identity provider's " + what + " could not be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused("interrupted");
    }
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
