package com.campaignengine.mail.resend;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Connection settings of one Resend account. Immutable and thread-safe.
 *
 * <p>{@link #toString()} never shows the API key, so a settings object may be logged.
 *
 * @param apiKey the API key ({@code re_...}); a sending-only key is enough
 * @param baseUrl the API root, {@code null} for {@link #DEFAULT_BASE_URL}; must be HTTPS, except on
 *     a loopback host (tests, local relays), so the key never travels in clear text
 * @param timeout how long one request may take, connecting included; {@code null} for {@link
 *     #DEFAULT_TIMEOUT}
 */
public record ResendSettings(String apiKey, URI baseUrl, Duration timeout) {

  /** Resend's production API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.resend.com");

  /** Generous: Resend answers in well under a second, but a stuck request must end eventually. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  public ResendSettings {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("Resend API key must not be blank");
    }
    // The key goes into an HTTP header: whitespace or control characters would corrupt it.
    if (!apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("Resend API key must be printable ASCII without spaces");
    }
    baseUrl = baseUrl == null ? DEFAULT_BASE_URL : normalize(baseUrl);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** Production API with the default timeout. */
  public ResendSettings(String apiKey) {
    this(apiKey, null, null);
  }

  /** The URI of an API path such as {@code "/emails"}, keeping any path prefix of the base URL. */
  URI endpoint(String path) {
    return URI.create(baseUrl + path);
  }

  @Override
  public String toString() {
    return "ResendSettings[apiKey=<redacted>, baseUrl=" + baseUrl + ", timeout=" + timeout + "]";
  }

  private static URI normalize(URI url) {
    // Checked first and never echoed: user info may hold credentials.
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException("Resend base URL must not contain user info");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException("Resend base URL must be an absolute http(s) URL: " + url);
    }
    if (scheme.equals("http") && !LOOPBACK.contains(host)) {
      throw new IllegalArgumentException("Resend base URL must use HTTPS: " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "Resend base URL must not have a query or fragment: " + url);
    }
    String text = url.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }
}
