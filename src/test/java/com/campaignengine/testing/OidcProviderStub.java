package com.campaignengine.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * An OpenID Connect provider on a real local HTTP server, from the spec: a discovery document, a
 * JWKS with one RSA key generated here, and a token endpoint that checks the client's secret, the
 * code and the PKCE verifier (S256, against the challenge the test hands it) and answers an
 * id_token signed with that key, its claims as the test scripts them.
 */
public final class OidcProviderStub implements AutoCloseable {
  public static final String CLIENT_ID = "campaign-engine-test";
  public static final String CLIENT_SECRET = "stub-client-secret";
  public static final String CODE = "the-authorization-code";

  private final HttpServer server;
  private final RSAKey key;
  private volatile String expectedChallenge;
  private volatile Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> claims = c -> c;
  private volatile RSAKey signingKey;
  private volatile int tokenRequests;

  public OidcProviderStub() {
    try {
      this.key = new RSAKeyGenerator(2048).keyID("stub-key").generate();
      this.signingKey = key;
      this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/.well-known/openid-configuration", this::discovery);
    server.createContext("/jwks", this::jwks);
    server.createContext("/token", this::token);
    server.start();
  }

  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The PKCE challenge the login sent to the authorization endpoint. */
  public void expectChallenge(String challenge) {
    this.expectedChallenge = challenge;
  }

  /**
   * The id_token's claims: {@code build} gets a builder holding what a real provider would say for
   * this login ({@code nonce} is the one the login sent) and may change anything.
   */
  public void claims(Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> build) {
    this.claims = build;
  }

  /** Signs the next id_tokens with a key that is not in the JWKS. */
  public void signWithAnotherKey() {
    try {
      this.signingKey = new RSAKeyGenerator(2048).keyID("stub-key").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public int tokenRequests() {
    return tokenRequests;
  }

  private void discovery(HttpExchange exchange) throws IOException {
    String issuer = issuer();
    json(
        exchange,
        200,
        "{\"issuer\":\""
            + issuer
            + "\",\"authorization_endpoint\":\""
            + issuer
            + "/authorize\",\"token_endpoint\":\""
            + issuer
            + "/token\",\"jwks_uri\":\""
            + issuer
            + "/jwks\",\"response_types_supported\":[\"code\"],"
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
            + "\"code_challenge_methods_supported\":[\"S256\"]}");
  }

  private void jwks(HttpExchange exchange) throws IOException {
    json(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenRequests++;
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    boolean good =
        exchange.getRequestMethod().equals("POST")
            && "authorization_code".equals(form.get("grant_type"))
            && CODE.equals(form.get("code"))
            && CLIENT_ID.equals(form.get("client_id"))
            && CLIENT_SECRET.equals(form.get("client_secret"))
            && form.get("code_verifier") != null
            && s256(form.get("code_verifier")).equals(expectedChallenge);
    if (!good) {
      json(exchange, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    try {
      JWTClaimsSet.Builder base =
          new JWTClaimsSet.Builder()
              .issuer(issuer())
              .audience(CLIENT_ID)
              .subject("subject-1")
              .claim("email", "ada@example.com")
              .claim("email_verified", true);
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stub-key").build(),
              claims.apply(base).build());
      jwt.sign(new RSASSASigner(signingKey));
      json(
          exchange,
          200,
          "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\""
              + jwt.serialize()
              + "\"}");
    } catch (JOSEException e) {
      json(exchange, 500, "{}");
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
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

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
