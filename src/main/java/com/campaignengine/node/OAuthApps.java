package com.campaignengine.node;

import java.util.function.UnaryOperator;

/**
 * The server's own OAuth clients, one per provider, through which users connect their mailboxes
 * ("Connect Gmail", "Connect Microsoft 365"). A provider whose client is not configured has no
 * connect button. No secret is part of {@link #toString}.
 *
 * @param google {@code CAMPAIGN_ENGINE_GOOGLE_CLIENT_ID} and {@code _SECRET}, or null
 * @param microsoft {@code CAMPAIGN_ENGINE_MICROSOFT_CLIENT_ID} and {@code _SECRET}, or null
 * @param microsoftTenant {@code CAMPAIGN_ENGINE_MICROSOFT_TENANT}, default {@code common}
 */
public record OAuthApps(OAuthApp google, OAuthApp microsoft, String microsoftTenant) {

  /** No client configured: mailboxes are connected with pasted tokens only. */
  public static final OAuthApps NONE = new OAuthApps(null, null, "common");

  /** One OAuth client: its id and secret. */
  public record OAuthApp(String clientId, String clientSecret) {
    public OAuthApp {
      if (clientId == null
          || clientId.isBlank()
          || clientSecret == null
          || clientSecret.isBlank()) {
        throw new IllegalArgumentException("an OAuth client needs an id and a secret");
      }
      clientId = clientId.strip();
      clientSecret = clientSecret.strip();
    }

    @Override
    public String toString() {
      return "OAuthApp[clientId=" + clientId + ", clientSecret=<redacted>]";
    }
  }

  public OAuthApps {
    microsoftTenant =
        microsoftTenant == null || microsoftTenant.isBlank() ? "common" : microsoftTenant.strip();
  }

  static OAuthApps fromEnvironment(UnaryOperator<String> env) {
    return new OAuthApps(
        app(env, "CAMPAIGN_ENGINE_GOOGLE_CLIENT_ID", "CAMPAIGN_ENGINE_GOOGLE_CLIENT_SECRET"),
        app(env, "CAMPAIGN_ENGINE_MICROSOFT_CLIENT_ID", "CAMPAIGN_ENGINE_MICROSOFT_CLIENT_SECRET"),
        env.apply("CAMPAIGN_ENGINE_MICROSOFT_TENANT"));
  }

  /** Both set: the client; neither: null; one without the other is a mistake worth stopping for. */
  private static OAuthApp app(UnaryOperator<String> env, String idName, String secretName) {
    String id = env.apply(idName);
    String secret = env.apply(secretName);
    boolean hasId = id != null && !id.isBlank();
    boolean hasSecret = secret != null && !secret.isBlank();
    if (hasId != hasSecret) {
      throw new IllegalArgumentException(
          (hasId ? secretName : idName) + " is missing: set both " + idName + " and " + secretName);
    }
    return hasId ? new OAuthApp(id, secret) : null;
  }
}
