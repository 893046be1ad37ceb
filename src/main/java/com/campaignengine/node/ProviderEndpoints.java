package com.campaignengine.node;

import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * Node-wide provider endpoints; null means the provider's production URL. A mailbox's own settings
 * win over these.
 *
 * @param gmailApi {@code CAMPAIGN_ENGINE_GMAIL_API_URL}
 * @param gmailToken {@code CAMPAIGN_ENGINE_GMAIL_TOKEN_URL}, also {@code
 *     CAMPAIGN_ENGINE_GOOGLE_TOKEN_URL} (Google's OAuth token endpoint, for connecting and sending)
 * @param resendApi {@code CAMPAIGN_ENGINE_RESEND_API_URL}
 * @param googleAuth {@code CAMPAIGN_ENGINE_GOOGLE_AUTH_URL}: Google's consent page
 * @param googleUserinfo {@code CAMPAIGN_ENGINE_GOOGLE_USERINFO_URL}: the connected account's
 *     address
 * @param microsoftLogin {@code CAMPAIGN_ENGINE_MICROSOFT_LOGIN_URL}: the identity platform's root,
 *     used as {@code {login}/{tenant}/oauth2/v2.0/authorize|token}
 * @param microsoftGraph {@code CAMPAIGN_ENGINE_MICROSOFT_GRAPH_URL}: Graph's root with its version
 */
public record ProviderEndpoints(
    URI gmailApi,
    URI gmailToken,
    URI resendApi,
    URI googleAuth,
    URI googleUserinfo,
    URI microsoftLogin,
    URI microsoftGraph) {

  /** Google's consent page. */
  public static final URI GOOGLE_AUTH = URI.create("https://accounts.google.com/o/oauth2/v2/auth");

  /** Google's OpenID Connect userinfo endpoint. */
  public static final URI GOOGLE_USERINFO =
      URI.create("https://openidconnect.googleapis.com/v1/userinfo");

  /** Every endpoint at its production URL. */
  public static final ProviderEndpoints PRODUCTION =
      new ProviderEndpoints(null, null, null, null, null, null, null);

  static ProviderEndpoints fromEnvironment(UnaryOperator<String> env) {
    String token = env.apply("CAMPAIGN_ENGINE_GMAIL_TOKEN_URL");
    return new ProviderEndpoints(
        uri(env.apply("CAMPAIGN_ENGINE_GMAIL_API_URL")),
        uri(token != null ? token : env.apply("CAMPAIGN_ENGINE_GOOGLE_TOKEN_URL")),
        uri(env.apply("CAMPAIGN_ENGINE_RESEND_API_URL")),
        uri(env.apply("CAMPAIGN_ENGINE_GOOGLE_AUTH_URL")),
        uri(env.apply("CAMPAIGN_ENGINE_GOOGLE_USERINFO_URL")),
        uri(env.apply("CAMPAIGN_ENGINE_MICROSOFT_LOGIN_URL")),
        uri(env.apply("CAMPAIGN_ENGINE_MICROSOFT_GRAPH_URL")));
  }

  static URI uri(String value) {
    return value == null || value.isBlank() ? null : URI.create(value.strip());
  }
}
