package com.campaignengine.mail.microsoft;

import com.campaignengine.mail.SendResult;
import com.campaignengine.mailbox.MicrosoftTokens;
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
 * Makes authorized Graph calls: adds the bearer token and asks for immutable ids ({@code Prefer:
 * IdType="ImmutableId"}, so a message keeps its id when it moves from Drafts to Sent Items); after
 * a 401 drops the token, gets a new one and repeats the call once (Graph rejects the request before
 * acting on it, so the repeat cannot act twice). Thread-safe.
 */
final class GraphHttp {

  private static final Logger LOG = LoggerFactory.getLogger(GraphHttp.class);

  private final HttpClient http;
  private final MicrosoftTokens tokens;
  private final Duration timeout;

  GraphHttp(HttpClient http, MicrosoftTokens tokens, Duration timeout) {
    this.http = http;
    this.tokens = tokens;
    this.timeout = timeout;
  }

  /** Graph's response (any status), or the classified failure that kept us from getting one. */
  record Outcome(HttpResponse<String> response, SendResult failure) {

    boolean ok() {
      return failure == null && response.statusCode() / 100 == 2;
    }

    int status() {
      return response == null ? 0 : response.statusCode();
    }

    /** Empty for a 2xx response, else an operator-facing description of what went wrong. */
    Optional<String> problem() {
      if (failure != null) {
        return Optional.of(GraphErrors.reasonOf(failure));
      }
      if (response.statusCode() / 100 == 2) {
        return Optional.empty();
      }
      return Optional.of(
          GraphErrors.GraphError.parse(response.statusCode(), response.body()).summary());
    }
  }

  /** Sends {@code request} (method, URI and body set) with a bearer token. */
  Outcome call(HttpRequest.Builder request) {
    String token;
    try {
      token = tokens.current();
    } catch (MicrosoftTokens.TokenException e) {
      return new Outcome(null, GraphErrors.tokenFailure(e));
    }
    try {
      HttpResponse<String> response = send(request, token);
      if (response.statusCode() != 401) {
        return new Outcome(response, null);
      }
      LOG.info("microsoft graph rejected the access token; refreshing it once");
      tokens.rejected(token);
      try {
        token = tokens.current();
      } catch (MicrosoftTokens.TokenException e) {
        return new Outcome(null, GraphErrors.tokenFailure(e));
      }
      return new Outcome(send(request, token), null);
    } catch (IOException e) {
      return new Outcome(null, GraphErrors.networkFailure(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(
          null, new SendResult.RetryableFailure("microsoft request interrupted", null));
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String token)
      throws IOException, InterruptedException {
    HttpRequest authorized =
        request
            .copy()
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("Prefer", "IdType=\"ImmutableId\"")
            .header("Accept", "application/json")
            .build();
    return http.send(authorized, BodyHandlers.ofString());
  }
}
