package com.campaignengine.mailbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Short-lived Microsoft Graph access tokens from a mailbox's refresh token: the identity platform's
 * refresh-token grant at {@link MicrosoftSettings#tokenUrl()} (form {@code client_id}, {@code
 * client_secret}, {@code grant_type=refresh_token}, {@code refresh_token}, {@code scope}).
 *
 * <p>A token is cached until {@link #MARGIN} before it expires; concurrent callers then share one
 * refresh. Microsoft answers every refresh with a new refresh token too: it replaces the old one in
 * memory for the rest of this object's life, and is handed to the {@link #onRotated} listener
 * (outside this object's lock), which may store it in the mailbox's sealed secrets.
 *
 * <p>Thread-safe. Never logs or shows a token.
 */
public final class MicrosoftTokens {

  /** The delegated scopes the engine needs: send, read and manage mail, know the address. */
  public static final String SCOPES =
      "offline_access https://graph.microsoft.com/Mail.Send"
          + " https://graph.microsoft.com/Mail.ReadWrite https://graph.microsoft.com/User.Read";

  /** A token is renewed this long before it expires, so a request never carries a dying one. */
  static final Duration MARGIN = Duration.ofMinutes(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The token endpoint refused or failed. {@link #status()} is 0 when no answer came (network,
   * timeout); {@link #error()} is the OAuth {@code error} ({@code invalid_grant}: the grant was
   * revoked or expired, a human must reconnect the mailbox).
   */
  public static final class TokenException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;

    TokenException(int status, String error, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
      this.error = error;
    }

    public int status() {
      return status;
    }

    public String error() {
      return error;
    }

    /** Whether a human must act: the grant or the client was refused (any 4xx but 408 and 429). */
    public boolean refused() {
      return status >= 400 && status < 500 && status != 408 && status != 429;
    }
  }

  private record Token(String value, Instant expiresAt) {}

  private final MicrosoftSettings settings;
  private final HttpClient http;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile Token token;
  private volatile String refreshToken;
  private volatile Consumer<String> onRotated = rotated -> {};

  public MicrosoftTokens(MicrosoftSettings settings, HttpClient http, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refreshToken = settings.refreshToken();
  }

  /**
   * Called with each new refresh token Microsoft hands out (it rotates them), so that the caller
   * can keep it: a stored token that is never replaced ends with its own lifetime. Called outside
   * any lock of this object; a failure of the listener is the listener's to report.
   */
  public MicrosoftTokens onRotated(Consumer<String> listener) {
    this.onRotated = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * A token that is valid for a few more minutes, refreshed first if needed.
   *
   * @throws TokenException if the token endpoint refused or could not be reached
   */
  public String current() throws TokenException {
    Token now = token;
    if (now != null && clock.instant().isBefore(now.expiresAt().minus(MARGIN))) {
      return now.value();
    }
    String previous;
    String rotated;
    Token fresh;
    synchronized (lock) {
      now = token;
      if (now != null && clock.instant().isBefore(now.expiresAt().minus(MARGIN))) {
        return now.value();
      }
      previous = refreshToken;
      fresh = refresh();
      token = fresh;
      rotated = refreshToken;
    }
    // Outside the lock: a listener that stores the rotated token must not hold up other callers.
    if (!rotated.equals(previous)) {
      onRotated.accept(rotated);
    }
    return fresh.value();
  }

  /**
   * Reports that Graph answered 401 to {@code rejected} although it had not expired (revoked, or
   * the password changed). Drops it unless another thread has already replaced it, so a burst of
   * 401s costs one token request.
   */
  public void rejected(String rejected) {
    synchronized (lock) {
      Token now = token;
      if (now != null && now.value().equals(rejected)) {
        token = null;
      }
    }
  }

  private Token refresh() throws TokenException {
    Map<String, String> form =
        Map.of(
            "client_id",
            settings.clientId(),
            "client_secret",
            settings.clientSecret(),
            "grant_type",
            "refresh_token",
            "refresh_token",
            refreshToken,
            "scope",
            SCOPES);
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(settings.tokenUrl())
            .timeout(settings.timeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TokenException(
          0, "", "microsoft OAuth token request failed: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenException(0, "", "microsoft OAuth token request interrupted", e);
    }
    JsonNode json = read(response.body());
    if (response.statusCode() / 100 != 2) {
      // RFC 6749 section 5.2: only error and error_description are ours to show.
      String error = json.path("error").asText("");
      String description = json.path("error_description").asText("").replaceAll("\\s+", " ");
      if (description.length() > 200) {
        description = description.substring(0, 200) + "...";
      }
      throw new TokenException(
          response.statusCode(),
          error,
          "microsoft OAuth token "
              + response.statusCode()
              + (error.isEmpty() ? "" : " " + error)
              + (description.isEmpty() ? "" : ": " + description),
          null);
    }
    String access = json.path("access_token").asText("");
    if (access.isEmpty()) {
      throw new TokenException(
          response.statusCode(), "", "microsoft OAuth token answer has no access_token", null);
    }
    String rotated = json.path("refresh_token").asText("");
    if (!rotated.isEmpty()) {
      refreshToken = rotated;
    }
    long lifetime = json.path("expires_in").asLong(3600);
    return new Token(access, clock.instant().plusSeconds(Math.max(0, lifetime)));
  }

  /** The refresh token the next refresh will use: the latest Microsoft handed out. */
  public String refreshToken() {
    return refreshToken;
  }

  private static JsonNode read(String body) {
    try {
      return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}
