package com.campaignengine.webhooks;

import com.campaignengine.http.RetryAfterHeader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one signed delivery and classifies the answer; never throws, never follows redirects (a 3xx
 * is a failure: the URL should be updated, as Standard Webhooks recommends). Thread-safe.
 */
final class WebhookSender {
  static final String USER_AGENT = "campaign-engine-webhooks/1";

  private final HttpClient client;
  private final Duration requestTimeout;
  private final Duration attemptTimeout;
  private final Clock clock;

  private final Destinations destinations;

  WebhookSender(
      Duration connectTimeout, Duration requestTimeout, Clock clock, Destinations destinations) {
    this.destinations = destinations;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build();
    this.requestTimeout = requestTimeout;
    // What a legitimate attempt can take at most; the lease is longer (WebhookSettings).
    this.attemptTimeout = connectTimeout.plus(requestTimeout).plusSeconds(1);
    this.clock = clock;
  }

  /** Sends {@code body} with the Standard Webhooks headers. */
  CompletableFuture<AttemptResult> post(
      String url, String webhookId, long timestamp, String signature, String body) {
    java.util.Optional<String> refused;
    try {
      refused = destinations.refusal(url);
    } catch (IllegalArgumentException e) {
      refused = java.util.Optional.of("bad URL: " + e.getMessage());
    }
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(
          new AttemptResult.Unreachable("not sent: " + refused.get()));
    }
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(requestTimeout)
              .header("Content-Type", "application/json")
              .header("User-Agent", USER_AGENT)
              .header("webhook-id", webhookId)
              .header("webhook-timestamp", Long.toString(timestamp))
              .header("webhook-signature", signature)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          new AttemptResult.Unreachable("bad URL: " + e.getMessage()));
    }
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        // The request timeout ends at the response headers; a body that never ends ends here.
        .orTimeout(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((response, failure) -> failure == null ? answer(response) : unreachable(failure));
  }

  private AttemptResult answer(HttpResponse<Void> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new AttemptResult.Accepted(status);
    }
    Duration retryAfter = null;
    if (status == 429 || status == 503) {
      retryAfter = RetryAfterHeader.parse(response.headers(), clock.instant()).orElse(null);
    }
    return new AttemptResult.Refused(status, retryAfter);
  }

  private static AttemptResult unreachable(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof java.net.http.HttpConnectTimeoutException) {
      return new AttemptResult.Unreachable("connection timed out");
    }
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return new AttemptResult.Unreachable("timed out");
    }
    String message = cause.getMessage();
    return new AttemptResult.Unreachable(
        cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
  }
}
