package com.campaignengine.node;

import com.campaignengine.app.MailboxConnect;
import com.campaignengine.mailbox.GmailSettings;
import com.campaignengine.mailbox.MicrosoftSettings;
import java.net.URI;

/**
 * The server's OAuth clients ({@link OAuthApps}) at their endpoints ({@link ProviderEndpoints},
 * null meaning production), as "Connect Gmail" / "Connect Microsoft 365" use them.
 */
final class ConnectClients {
  private ConnectClients() {}

  static MailboxConnect.Settings settings(
      OAuthApps apps, ProviderEndpoints endpoints, String publicUrl) {
    MailboxConnect.Client google = null;
    if (apps.google() != null) {
      google =
          new MailboxConnect.Client(
              apps.google().clientId(),
              apps.google().clientSecret(),
              or(endpoints.googleAuth(), ProviderEndpoints.GOOGLE_AUTH),
              or(endpoints.gmailToken(), GmailSettings.DEFAULT_TOKEN_URL),
              or(endpoints.googleUserinfo(), ProviderEndpoints.GOOGLE_USERINFO),
              null);
    }
    MailboxConnect.Client microsoft = null;
    if (apps.microsoft() != null) {
      String login =
          trim(or(endpoints.microsoftLogin(), MicrosoftSettings.DEFAULT_LOGIN_URL))
              + "/"
              + apps.microsoftTenant()
              + "/oauth2/v2.0/";
      microsoft =
          new MailboxConnect.Client(
              apps.microsoft().clientId(),
              apps.microsoft().clientSecret(),
              URI.create(login + "authorize"),
              URI.create(login + "token"),
              URI.create(
                  trim(or(endpoints.microsoftGraph(), MicrosoftSettings.DEFAULT_GRAPH_URL))
                      + "/me"),
              apps.microsoftTenant());
    }
    return new MailboxConnect.Settings(google, microsoft, publicUrl);
  }

  private static URI or(URI value, URI production) {
    return value != null ? value : production;
  }

  private static String trim(URI uri) {
    return uri.toString().replaceAll("/+$", "");
  }
}
