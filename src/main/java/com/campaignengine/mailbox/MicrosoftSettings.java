package com.campaignengine.mailbox;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * OAuth2 client and refresh token of one Microsoft 365 mailbox, plus where and how patiently to
 * call Microsoft: the identity platform ({@code {loginUrl}/{tenant}/oauth2/v2.0/token}) and
 * Microsoft Graph. Immutable and thread-safe.
 *
 * <p>{@link #toString()} never shows the client secret or the refresh token, so a settings object
 * may be logged.
 *
 * @param clientId the application (client) id of the app registration
 * @param clientSecret its client secret
 * @param refreshToken the mailbox owner's refresh token (scopes {@code offline_access Mail.Send
 *     Mail.ReadWrite User.Read})
 * @param tenant the directory the token is redeemed in: a tenant id or domain, or {@code common};
 *     {@code null} for {@link #DEFAULT_TENANT}
 * @param loginUrl the identity platform's root, {@code null} for {@link #DEFAULT_LOGIN_URL}
 * @param graphUrl the Graph API root with its version, {@code null} for {@link #DEFAULT_GRAPH_URL}
 * @param timeout how long one HTTP request may take; {@code null} for {@link #DEFAULT_TIMEOUT}
 */
public record MicrosoftSettings(
    String clientId,
    String clientSecret,
    String refreshToken,
    String tenant,
    URI loginUrl,
    URI graphUrl,
    Duration timeout) {

  public static final String DEFAULT_TENANT = "common";

  /** Microsoft's production identity platform. */
  public static final URI DEFAULT_LOGIN_URL = URI.create("https://login.microsoftonline.com");

  /** Microsoft Graph v1.0. */
  public static final URI DEFAULT_GRAPH_URL = URI.create("https://graph.microsoft.com/v1.0");

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  public MicrosoftSettings {
    clientId = requireToken("client id", clientId);
    clientSecret = requireToken("client secret", clientSecret);
    refreshToken = requireToken("refresh token", refreshToken);
    tenant = tenant == null || tenant.isBlank() ? DEFAULT_TENANT : requireTenant(tenant.strip());
    loginUrl = loginUrl == null ? DEFAULT_LOGIN_URL : normalize("login URL", loginUrl);
    graphUrl = graphUrl == null ? DEFAULT_GRAPH_URL : normalize("Graph URL", graphUrl);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** The token endpoint: {@code {loginUrl}/{tenant}/oauth2/v2.0/token}. */
  public URI tokenUrl() {
    return URI.create(loginUrl + "/" + tenant + "/oauth2/v2.0/token");
  }

  /** The URI of a Graph path such as {@code "/me/messages"}. */
  public URI endpoint(String pathAndQuery) {
    return URI.create(graphUrl + pathAndQuery);
  }

  @Override
  public String toString() {
    return "MicrosoftSettings[clientId="
        + clientId
        + ", clientSecret=<redacted>, refreshToken=<redacted>, tenant="
        + tenant
        + ", loginUrl="
        + loginUrl
        + ", graphUrl="
        + graphUrl
        + ", timeout="
        + timeout
        + "]";
  }

  /** A tenant id, a domain or one of common/organizations/consumers: it becomes a path segment. */
  static String requireTenant(String tenant) {
    if (!tenant.matches("[A-Za-z0-9.-]{1,100}")) {
      throw new IllegalArgumentException(
          "Microsoft tenant must be a tenant id, a domain, or common: " + tenant);
    }
    return tenant;
  }

  // The message never echoes the value, which may be a secret.
  private static String requireToken(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Microsoft " + what + " must not be blank");
    }
    String trimmed = value.strip();
    if (!trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("Microsoft " + what + " must be printable ASCII");
    }
    return trimmed;
  }

  private static URI normalize(String what, URI url) {
    // Checked first and never echoed: user info may hold credentials.
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException("Microsoft " + what + " must not contain user info");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "Microsoft " + what + " must be an absolute http(s) URL: " + url);
    }
    // Tokens travel on these URLs: clear text only to this machine (tests, proxies).
    if (scheme.equals("http") && !LOOPBACK.contains(host)) {
      throw new IllegalArgumentException("Microsoft " + what + " must use HTTPS: " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "Microsoft " + what + " must not have a query or fragment: " + url);
    }
    String text = url.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }
}
