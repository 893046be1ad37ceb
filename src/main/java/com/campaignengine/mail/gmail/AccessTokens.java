package com.campaignengine.mail.gmail;

import com.campaignengine.mailbox.GmailSettings;
import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;
import java.io.IOException;

/**
 * Short-lived Gmail access tokens from a long-lived refresh token, through Google's auth library.
 *
 * <p>The library caches each token and refreshes it only when less than about 3¾ minutes of its
 * life remain; concurrent callers then share one refresh. Thread-safe.
 */
final class AccessTokens {

  private final UserCredentials credentials;
  private final Object refreshLock = new Object();

  AccessTokens(GmailSettings settings, HttpTransport transport) {
    this.credentials = settings.credentials(transport);
  }

  /**
   * A token that is valid for a few more minutes, refreshed first if needed.
   *
   * @throws IOException if the token endpoint refused or could not be reached; see {@link
   *     GmailErrors#tokenFailure}
   */
  String current() throws IOException {
    credentials.refreshIfExpired();
    AccessToken token = credentials.getAccessToken();
    if (token == null) {
      throw new IOException("the token endpoint returned no access token");
    }
    return token.getTokenValue();
  }

  /**
   * Reports that Google answered 401 to {@code rejected} although it had not expired (revoked, or
   * the user changed the password). Refreshes unless another thread has already replaced it, so a
   * burst of 401s costs one token request.
   */
  void rejected(String rejected) throws IOException {
    synchronized (refreshLock) {
      AccessToken token = credentials.getAccessToken();
      if (token == null || token.getTokenValue().equals(rejected)) {
        credentials.refresh();
      }
    }
  }
}
