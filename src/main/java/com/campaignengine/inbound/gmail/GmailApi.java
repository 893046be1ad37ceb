package com.campaignengine.inbound.gmail;

import com.campaignengine.inbound.InboundException;
import com.campaignengine.mailbox.GmailSettings;
import com.campaignengine.mailbox.JdkHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorized GET requests to the Gmail API: adds a bearer token from the refresh token, and after a
 * 401 refreshes it once and repeats the request. Thread-safe; the auth library caches the token and
 * refreshes it shortly before it expires.
 */
final class GmailApi {

  private static final Logger LOG = LoggerFactory.getLogger(GmailApi.class);

  private final GmailSettings settings;
  private final HttpClient http;
  private final UserCredentials credentials;

  GmailApi(GmailSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    JdkHttpTransport transport = new JdkHttpTransport(http, settings.timeout());
    this.credentials = settings.credentials(transport);
  }

  /**
   * Google's answer, whatever its status, to a GET of {@code pathAndQuery} (e.g. {@code
   * "/gmail/v1/users/me/profile"}).
   *
   * @throws InboundException if no answer came (network, timeout) or no token could be had
   */
  HttpResponse<String> get(String pathAndQuery) {
    URI uri = URI.create(settings.apiBaseUrl() + pathAndQuery);
    try {
      HttpResponse<String> response = send(uri, token(false));
      if (response.statusCode() != 401) {
        return response;
      }
      // Google rejected an unexpired token (revoked, password changed): a new one may work.
      LOG.info("gmail rejected the access token; refreshing it once");
      return send(uri, token(true));
    } catch (IOException e) {
      throw new InboundException(
          InboundException.Kind.UNREACHABLE,
          "gmail request failed: " + GmailReadErrors.describe(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InboundException(InboundException.Kind.UNREACHABLE, "gmail request interrupted", e);
    }
  }

  private HttpResponse<String> send(URI uri, String token)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout())
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    return http.send(request, BodyHandlers.ofString());
  }

  private String token(boolean forceRefresh) {
    try {
      if (forceRefresh) {
        credentials.refresh();
      } else {
        credentials.refreshIfExpired();
      }
      AccessToken token = credentials.getAccessToken();
      if (token == null) {
        throw new InboundException(
            InboundException.Kind.CREDENTIALS,
            "gmail OAuth token endpoint returned no access token",
            null);
      }
      return token.getTokenValue();
    } catch (IOException e) {
      throw GmailReadErrors.tokenException(e);
    }
  }
}
