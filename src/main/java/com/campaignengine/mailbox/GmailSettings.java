package com.campaignengine.mailbox;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.UserCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * OAuth2 client and refresh token of one Gmail mailbox, plus where and how patiently to call
 * Google. Immutable and thread-safe.
 *
 * <p>{@link #toString()} never shows the client secret or the refresh token, so a settings object
 * may be logged.
 *
 * @param clientId the OAuth2 client id of our Google Cloud project
 * @param clientSecret the OAuth2 client secret
 * @param refreshToken the mailbox owner's refresh token; it needs the {@code gmail.send} scope to
 *     send and a read scope ({@code gmail.readonly}, {@code gmail.modify} or {@code
 *     https://mail.google.com/}) for the Gmail transport's {@code lookup} and {@code verify} and
 *     for reading the mailbox
 * @param apiBaseUrl the Gmail API root, {@code null} for {@link #DEFAULT_API_BASE_URL}
 * @param tokenUrl the OAuth2 token endpoint, {@code null} for {@link #DEFAULT_TOKEN_URL}
 * @param timeout how long one HTTP request may take, connecting included; {@code null} for {@link
 *     #DEFAULT_TIMEOUT}
 */
public record GmailSettings(
    String clientId,
    String clientSecret,
    String refreshToken,
    URI apiBaseUrl,
    URI tokenUrl,
    Duration timeout) {

  /** Google's production Gmail API. */
  public static final URI DEFAULT_API_BASE_URL = URI.create("https://gmail.googleapis.com");

  /** Google's production OAuth2 token endpoint. */
  public static final URI DEFAULT_TOKEN_URL = URI.create("https://oauth2.googleapis.com/token");

  /** Generous: Google answers in about a second, but a stuck request must end eventually. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  public GmailSettings {
    clientId = requireToken("client id", clientId);
    clientSecret = requireToken("client secret", clientSecret);
    refreshToken = requireToken("refresh token", refreshToken);
    apiBaseUrl = apiBaseUrl == null ? DEFAULT_API_BASE_URL : normalize("API base URL", apiBaseUrl);
    tokenUrl = tokenUrl == null ? DEFAULT_TOKEN_URL : normalize("token URL", tokenUrl);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** Google's production endpoints with the default timeout. */
  public GmailSettings(String clientId, String clientSecret, String refreshToken) {
    this(clientId, clientSecret, refreshToken, null, null, null);
  }

  /** The URI of a Gmail API path such as {@code "/gmail/v1/users/me/profile"}. */
  public URI endpoint(String pathAndQuery) {
    return URI.create(apiBaseUrl + pathAndQuery);
  }

  /**
   * Google's auth library credentials of this mailbox: they trade the refresh token for access
   * tokens at {@link #tokenUrl}, over {@code transport}.
   */
  public UserCredentials credentials(HttpTransport transport) {
    return UserCredentials.newBuilder()
        .setClientId(clientId)
        .setClientSecret(clientSecret)
        .setRefreshToken(refreshToken)
        .setTokenServerUri(tokenUrl)
        .setHttpTransportFactory(() -> transport)
        .build();
  }

  @Override
  public String toString() {
    return "GmailSettings[clientId="
        + clientId
        + ", clientSecret=<redacted>, refreshToken=<redacted>, apiBaseUrl="
        + apiBaseUrl
        + ", tokenUrl="
        + tokenUrl
        + ", timeout="
        + timeout
        + "]";
  }

  // The values travel in a form body and must survive copy-and-paste from a console; the message
  // never echoes the value, which may be a secret.
  private static String requireToken(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Gmail " + what + " must not be blank");
    }
    String trimmed = value.strip();
    if (!trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("Gmail " + what + " must be printable ASCII");
    }
    return trimmed;
  }

  private static URI normalize(String what, URI url) {
    // Checked first and never echoed: user info may hold credentials.
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException("Gmail " + what + " must not contain user info");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "Gmail " + what + " must be an absolute http(s) URL: " + url);
    }
    // Tokens and secrets travel on these URLs: clear text only to this machine (tests, proxies).
    if (scheme.equals("http") && !LOOPBACK.contains(host)) {
      throw new IllegalArgumentException("Gmail " + what + " must use HTTPS: " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "Gmail " + what + " must not have a query or fragment: " + url);
    }
    String text = url.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }
}
