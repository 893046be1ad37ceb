package com.campaignengine.mail.gmail;

import com.campaignengine.mail.SendResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes authorized Gmail API calls: adds the bearer token, and after a 401 refreshes the token once
 * and repeats the call. Thread-safe.
 */
final class GmailHttp {

  private static final Logger LOG = LoggerFactory.getLogger(GmailHttp.class);

  private final HttpClient http;
  private final AccessTokens tokens;
  private final Duration timeout;

  GmailHttp(HttpClient http, AccessTokens tokens, Duration timeout) {
    this.http = http;
    this.tokens = tokens;
    this.timeout = timeout;
  }

  /**
   * What came of one call: Google's response (any status), or the classified failure that kept us
   * from getting one (token refresh failed, network error, timeout).
   */
  record Outcome(HttpResponse<String> response, SendResult failure) {

    /** Empty for a 2xx response, else an operator-facing description of what went wrong. */
    Optional<String> problem() {
      if (failure != null) {
        return Optional.of(GmailErrors.reasonOf(failure));
      }
      if (response.statusCode() / 100 == 2) {
        return Optional.empty();
      }
      return Optional.of(GoogleError.parse(response.statusCode(), response.body()).summary());
    }
  }

  /** Sends {@code request} (method, URI and body set) with a bearer token. */
  Outcome call(HttpRequest.Builder request) {
    String token;
    try {
      token = tokens.current();
    } catch (IOException e) {
      return new Outcome(null, GmailErrors.tokenFailure(e));
    }
    try {
      HttpResponse<String> response = send(request, token);
      if (response.statusCode() != 401) {
        return new Outcome(response, null);
      }
      // Google rejected an unexpired token (revoked, password changed): a new one may work.
      LOG.info("gmail rejected the access token; refreshing it once");
      try {
        tokens.rejected(token);
        token = tokens.current();
      } catch (IOException e) {
        return new Outcome(null, GmailErrors.tokenFailure(e));
      }
      return new Outcome(send(request, token), null);
    } catch (IOException e) {
      return new Outcome(null, GmailErrors.networkFailure(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, new SendResult.RetryableFailure("gmail request interrupted", null));
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String token)
      throws IOException, InterruptedException {
    HttpRequest authorized =
        request.copy().timeout(timeout).header("Authorization", "Bearer " + token).build();
    return http.send(authorized, BodyHandlers.ofString());
  }
}
