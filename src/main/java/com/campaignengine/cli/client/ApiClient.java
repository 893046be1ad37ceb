package com.campaignengine.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Speaks to a running server: JSON in and out, the API key as a bearer token. A 2xx answer gives
 * its JSON body; any other status throws {@link ApiFailure} with the server's error and field; no
 * answer at all throws {@link ServerUnreachable}. Thread-safe.
 */
public final class ApiClient {
  public static final ObjectMapper JSON = JsonMapper.builder().build();

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  private final URI base;
  private final String apiKey;
  private final HttpClient http;

  public ApiClient(String baseUrl, String apiKey) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** The server's base URL, for messages. */
  public String baseUrl() {
    return base.toString().replaceAll("/$", "");
  }

  public JsonNode get(String path) {
    return send(request(path).GET());
  }

  public JsonNode post(String path, JsonNode body) {
    return send(json(request(path), body == null ? JSON.createObjectNode() : body, "POST"));
  }

  public JsonNode put(String path, JsonNode body) {
    return send(json(request(path), body, "PUT"));
  }

  /** Posts CSV text (a header row, then rows). */
  public JsonNode postCsv(String path, String csv) {
    return send(
        request(path)
            .header("Content-Type", "text/csv; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
  }

  /** A GET answered with text (e.g. {@code /metrics}) or null when the server answers non-2xx. */
  public String getText(String path) {
    HttpResponse<String> response = exchange(request(path).GET());
    return response.statusCode() / 100 == 2 ? response.body() : null;
  }

  /** A GET whose status matters even when it is not 2xx (e.g. readiness): status and JSON. */
  public record Answer(int status, JsonNode body) {}

  public Answer probe(String path) {
    HttpResponse<String> response = exchange(request(path).GET());
    return new Answer(response.statusCode(), parse(response));
  }

  /** A query parameter value, percent-encoded. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    if (apiKey != null) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    return builder;
  }

  private static HttpRequest.Builder json(HttpRequest.Builder builder, JsonNode body, String how) {
    try {
      return builder
          .header("Content-Type", "application/json; charset=utf-8")
          .method(how, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private JsonNode send(HttpRequest.Builder builder) {
    HttpResponse<String> response = exchange(builder);
    JsonNode body = parse(response);
    if (response.statusCode() / 100 == 2) {
      return body == null ? JSON.createObjectNode() : body;
    }
    String message =
        body != null && body.hasNonNull("error")
            ? body.get("error").asText()
            : "the server answered HTTP " + response.statusCode();
    String field = body != null && body.hasNonNull("field") ? body.get("field").asText() : null;
    throw new ApiFailure(response.statusCode(), message, field);
  }

  private HttpResponse<String> exchange(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ServerUnreachable("cannot reach the server at " + baseUrl() + ": " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnreachable("interrupted while waiting for " + baseUrl(), e);
    }
  }

  /** Why no answer came, in words (the JDK's exceptions often carry no message). */
  private static String reason(IOException e) {
    if (e instanceof java.net.http.HttpConnectTimeoutException
        || e instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.nio.channels.UnresolvedAddressException
          || cause instanceof java.net.UnknownHostException) {
        return "unknown host";
      }
    }
    return e.getMessage() == null ? "connection failed" : e.getMessage();
  }

  /** The body as JSON, or null when it is empty or not JSON. */
  private static JsonNode parse(HttpResponse<String> response) {
    String text = response.body();
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
