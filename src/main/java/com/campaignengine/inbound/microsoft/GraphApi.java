package com.campaignengine.inbound.microsoft;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.inbound.InboundException.Kind;
import com.campaignengine.mailbox.MicrosoftSettings;
import com.campaignengine.mailbox.MicrosoftTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorized GET requests to Microsoft Graph: a bearer token from the refresh token, immutable ids,
 * and after a 401 one new token and one repeat. Failures become {@link InboundException}s of their
 * kind; messages carry only Graph's {@code code} and {@code message}. Thread-safe.
 */
final class GraphApi {

  private static final Logger LOG = LoggerFactory.getLogger(GraphApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;

  private final MicrosoftSettings settings;
  private final HttpClient http;
  private final MicrosoftTokens tokens;

  GraphApi(MicrosoftSettings settings, Clock clock, Consumer<String> onRotated) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    this.tokens = new MicrosoftTokens(settings, http, clock).onRotated(onRotated);
  }

  MicrosoftSettings settings() {
    return settings;
  }

  /** Graph's answer, whatever its status, to a GET of {@code uri}. */
  HttpResponse<byte[]> get(URI uri) {
    try {
      String token = token();
      HttpResponse<byte[]> response = send(uri, token);
      if (response.statusCode() != 401) {
        return response;
      }
      LOG.info("microsoft graph rejected the access token; refreshing it once");
      tokens.rejected(token);
      return send(uri, token());
    } catch (IOException e) {
      throw new InboundException(
          Kind.UNREACHABLE, "microsoft request failed: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InboundException(Kind.UNREACHABLE, "microsoft request interrupted", e);
    }
  }

  /** The JSON of a 2xx answer to a GET of {@code uri}; any other answer is an exception. */
  JsonNode json(URI uri) {
    HttpResponse<byte[]> response = get(uri);
    if (response.statusCode() / 100 != 2) {
      throw failure(response.statusCode(), text(response));
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new InboundException("microsoft answer is not JSON", e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** Graph's error {@code code}, or {@code ""}. */
  static String code(String body) {
    return read(body).path("error").path("code").asText("");
  }

  /**
   * A Graph error answer as an exception: 429 (and {@code ApplicationThrottled}) rate-limited,
   * 401/403 credentials, 5xx unreachable, the rest failed.
   */
  static InboundException failure(int status, String body) {
    JsonNode error = read(body).path("error");
    String code = error.path("code").asText("");
    String message = error.path("message").asText("").replaceAll("\\s+", " ").strip();
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    Kind kind;
    if (status == 429 || code.toLowerCase(Locale.ROOT).contains("throttl")) {
      kind = Kind.RATE_LIMITED;
    } else if (status == 401
        || status == 403
        || code.equals("MailboxNotEnabledForRESTAPI")
        || code.equals("ErrorAccessDenied")) {
      kind = Kind.CREDENTIALS;
    } else {
      kind = status >= 500 ? Kind.UNREACHABLE : Kind.FAILED;
    }
    return new InboundException(
        kind,
        "microsoft "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + (message.isEmpty() ? "" : ": " + message),
        null);
  }

  private String token() {
    try {
      return tokens.current();
    } catch (MicrosoftTokens.TokenException e) {
      // Refused (invalid_grant, invalid_client): a human must reconnect the mailbox.
      throw new InboundException(
          e.refused() ? Kind.CREDENTIALS : Kind.UNREACHABLE, e.getMessage(), e);
    }
  }

  private HttpResponse<byte[]> send(URI uri, String token)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout())
            .header("Authorization", "Bearer " + token)
            .header("Prefer", "IdType=\"ImmutableId\"")
            .GET()
            .build();
    return http.send(request, BodyHandlers.ofByteArray());
  }

  private static JsonNode read(String body) {
    try {
      return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}
