package com.campaignengine.node;

import com.campaignengine.app.Passwords;
import java.util.function.UnaryOperator;

/**
 * Users' logins: BCrypt's cost, and the optional OIDC provider ({@code CAMPAIGN_ENGINE_OIDC_*}; off
 * unless issuer, client id and client secret are all set). The secret is never in {@link
 * #toString}.
 *
 * @param passwordCost BCrypt's cost: {@link Passwords#PRODUCTION_COST}; tests take less
 */
public record TeamSettings(
    int passwordCost, String oidcIssuer, String oidcClientId, String oidcClientSecret) {
  public TeamSettings {
    if (passwordCost < 4 || passwordCost > 31) {
      throw new IllegalArgumentException("BCrypt's cost must be 4 to 31");
    }
  }

  static TeamSettings fromEnvironment(UnaryOperator<String> env) {
    return new TeamSettings(
        Passwords.PRODUCTION_COST,
        blankToNull(env.apply("CAMPAIGN_ENGINE_OIDC_ISSUER")),
        blankToNull(env.apply("CAMPAIGN_ENGINE_OIDC_CLIENT_ID")),
        blankToNull(env.apply("CAMPAIGN_ENGINE_OIDC_CLIENT_SECRET")));
  }

  /** Whether OIDC login is on. */
  public boolean oidcEnabled() {
    return oidcIssuer != null && oidcClientId != null && oidcClientSecret != null;
  }

  /** Another BCrypt cost (tests: 4, for speed). */
  public TeamSettings withPasswordCost(int cost) {
    return new TeamSettings(cost, oidcIssuer, oidcClientId, oidcClientSecret);
  }

  /** Another OIDC provider. */
  public TeamSettings withOidc(String issuer, String clientId, String clientSecret) {
    return new TeamSettings(passwordCost, issuer, clientId, clientSecret);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @Override
  public String toString() {
    return "TeamSettings[passwordCost="
        + passwordCost
        + ", oidcIssuer="
        + oidcIssuer
        + ", oidcClientId="
        + oidcClientId
        + ", oidcClientSecret="
        + Redaction.of(oidcClientSecret)
        + "]";
  }
}
