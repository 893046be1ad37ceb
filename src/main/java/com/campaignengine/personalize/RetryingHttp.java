package com.campaignengine.personalize;

import com.campaignengine.http.RetryAfterHeader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON with the retry and timeout rules both adapters share. Retries 429, 5xx, timeouts and
 * network errors up to {@code maxRetries} times, waiting {@code Retry-After} seconds if given, else
 * 200 ms × 2^retry capped at 2 s. A {@code Retry-After} beyond {@link #MAX_RETRY_AFTER} is not
 * waited for: a send worker should fall back to the draft rather than stall. Each attempt is
 * bounded by {@code timeout} (connect and whole request).
 *
 * <p>Thread-safe: holds one {@link HttpClient} for the adapter's lifetime. Logs status and attempt
 * only, never URLs (a key may be in one), bodies or headers.
 */
final class RetryingHttp {

  private static final Logger log = LoggerFactory.getLogger(RetryingHttp.class);
  private static final Duration BASE_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  private final String provider;
  private final HttpClient client;
  private final Duration timeout;
  private final int maxRetries;

  RetryingHttp(String provider, Duration timeout, int maxRetries) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
    }
    this.maxRetries = maxRetries;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The final response: a success, a non-retryable status, or the last retryable one once retries
   * are used up.
   *
   * @throws CallFailed if no attempt got a response (timeouts, network errors, interruption)
   */
  HttpResponse<String> post(URI uri, Map<String, String> headers, String json) throws CallFailed {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(builder::header);
    HttpRequest request = builder.build();
    for (int attempt = 0; ; attempt++) {
      Duration wait;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (!retryable(status) || attempt >= maxRetries) {
          return response;
        }
        Optional<Duration> retryAfter = retryAfter(response);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0) {
          return response;
        }
        wait = retryAfter.orElse(backoff(attempt));
        log.debug("{} answered {} (attempt {}), retrying in {}", provider, status, attempt, wait);
      } catch (HttpTimeoutException e) {
        if (attempt >= maxRetries) {
          throw new CallFailed(
              "timeout after " + (attempt + 1) + " attempts of " + timeout.toMillis() + " ms");
        }
        wait = backoff(attempt);
        log.debug("{} timed out (attempt {}), retrying in {}", provider, attempt, wait);
      } catch (IOException e) {
        if (attempt >= maxRetries) {
          throw new CallFailed(
              "network error after " + (attempt + 1) + " attempts: " + e.getClass().getName());
        }
        wait = backoff(attempt);
        log.debug("{} network error {} (attempt {})", provider, e.getClass().getName(), attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CallFailed("interrupted");
      }
      pause(wait);
    }
  }

  static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  static Duration backoff(int retry) {
    Duration backoff = BASE_BACKOFF.multipliedBy(1L << Math.min(retry, 10));
    return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
  }

  /**
   * {@code Retry-After} in whole seconds only; an HTTP-date counts as absent and uses the backoff:
   * reading one needs a clock this client does not keep, and the AI providers answer in seconds.
   */
  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return RetryAfterHeader.seconds(response.headers(), "retry-after");
  }

  private static void pause(Duration wait) throws CallFailed {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailed("interrupted");
    }
  }
}
