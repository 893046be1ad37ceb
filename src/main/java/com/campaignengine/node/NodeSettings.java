package com.campaignengine.node;

import com.campaignengine.alerts.AlertSettings;
import com.campaignengine.webhooks.Destinations;
import java.util.function.UnaryOperator;

/**
 * What a node takes from the environment ({@code CAMPAIGN_ENGINE_*}). No secret, and no URL that
 * may carry one, is part of {@link #toString}.
 *
 * @param publicUrl the base of unsubscribe and tracking links ({@code CAMPAIGN_ENGINE_PUBLIC_URL})
 * @param alerts rule thresholds, interval and notice sinks ({@code CAMPAIGN_ENGINE_ALERT_*})
 * @param webhookDestinations where outbound webhooks may go
 * @param team users' logins: BCrypt's cost, the optional OIDC provider ({@code
 *     CAMPAIGN_ENGINE_OIDC_*})
 * @param oauth the server's OAuth clients for connecting mailboxes ({@code
 *     CAMPAIGN_ENGINE_GOOGLE_CLIENT_*}, {@code CAMPAIGN_ENGINE_MICROSOFT_CLIENT_*})
 */
public record NodeSettings(
    NodeSecrets secrets,
    String publicUrl,
    AiSettings ai,
    AlertSettings alerts,
    Destinations webhookDestinations,
    ProviderEndpoints endpoints,
    TeamSettings team,
    OAuthApps oauth) {
  /** The public URL of a node on the default port without {@code CAMPAIGN_ENGINE_PUBLIC_URL}. */
  public static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";

  /** From this process's environment variables. */
  public static NodeSettings fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /** From {@code env}, which maps a variable's name to its value or null. */
  public static NodeSettings fromEnvironment(UnaryOperator<String> env) {
    return fromEnvironment(env, 8080);
  }

  /**
   * From {@code env}, for a node whose HTTP API listens on {@code httpPort}: without {@code
   * CAMPAIGN_ENGINE_PUBLIC_URL}, links point to {@code http://localhost:<httpPort>}.
   */
  public static NodeSettings fromEnvironment(UnaryOperator<String> env, int httpPort) {
    String url = env.apply("CAMPAIGN_ENGINE_PUBLIC_URL");
    return new NodeSettings(
        NodeSecrets.fromEnvironment(env),
        url == null || url.isBlank() ? defaultPublicUrl(httpPort) : url.strip(),
        AiSettings.fromEnvironment(env),
        AlertSettings.fromEnvironment(env),
        Destinations.fromEnvironment(env),
        ProviderEndpoints.fromEnvironment(env),
        TeamSettings.fromEnvironment(env),
        OAuthApps.fromEnvironment(env));
  }

  /** The public URL of a node without {@code CAMPAIGN_ENGINE_PUBLIC_URL}: this machine's port. */
  public static String defaultPublicUrl(int httpPort) {
    return "http://localhost:" + httpPort;
  }

  /**
   * Whether mail clients may offer one-click unsubscribe (RFC 8058 wants an https link), and the
   * dashboard's cookie may be marked Secure.
   */
  public boolean publicUrlIsHttps() {
    return publicUrl.regionMatches(true, 0, "https://", 0, 8);
  }

  /** Where outbound webhooks may go (tests: receivers on this machine). */
  public NodeSettings withWebhookDestinations(Destinations allowed) {
    return new NodeSettings(secrets, publicUrl, ai, alerts, allowed, endpoints, team, oauth);
  }

  /** The key that seals secrets at rest ({@code CAMPAIGN_ENGINE_SECRET_KEY}, base64). */
  public NodeSettings withSecretKey(String key) {
    return new NodeSettings(
        secrets.withSecretKey(key),
        publicUrl,
        ai,
        alerts,
        webhookDestinations,
        endpoints,
        team,
        oauth);
  }

  /** The secrets that sign the generic and Resend's inbound webhooks. */
  public NodeSettings withWebhookSecrets(String generic, String resend) {
    return new NodeSettings(
        secrets.withWebhookSecrets(generic, resend),
        publicUrl,
        ai,
        alerts,
        webhookDestinations,
        endpoints,
        team,
        oauth);
  }

  /** The server administrator's key ({@code CAMPAIGN_ENGINE_ADMIN_KEY}); null turns it off. */
  public NodeSettings withAdminKey(String key) {
    return new NodeSettings(
        secrets.withAdminKey(key),
        publicUrl,
        ai,
        alerts,
        webhookDestinations,
        endpoints,
        team,
        oauth);
  }

  public NodeSettings withAi(AiSettings changed) {
    return new NodeSettings(
        secrets, publicUrl, changed, alerts, webhookDestinations, endpoints, team, oauth);
  }

  /** Users' logins: BCrypt's cost and the OIDC provider. */
  public NodeSettings withTeam(TeamSettings changed) {
    return new NodeSettings(
        secrets, publicUrl, ai, alerts, webhookDestinations, endpoints, changed, oauth);
  }

  /** The base of links and OAuth callbacks (tests: the port their server listens on). */
  public NodeSettings withPublicUrl(String changed) {
    return new NodeSettings(
        secrets, changed, ai, alerts, webhookDestinations, endpoints, team, oauth);
  }

  /** Where the providers' endpoints are (tests: stubs on this machine). */
  public NodeSettings withEndpoints(ProviderEndpoints changed) {
    return new NodeSettings(
        secrets, publicUrl, ai, alerts, webhookDestinations, changed, team, oauth);
  }

  /** The server's OAuth clients for connecting mailboxes. */
  public NodeSettings withOAuth(OAuthApps changed) {
    return new NodeSettings(
        secrets, publicUrl, ai, alerts, webhookDestinations, endpoints, team, changed);
  }

  public NodeSettings withAlerts(AlertSettings changed) {
    return new NodeSettings(
        secrets, publicUrl, ai, changed, webhookDestinations, endpoints, team, oauth);
  }

  @Override
  public String toString() {
    return "NodeSettings[secrets="
        + secrets
        + ", publicUrl="
        + publicUrl
        + ", ai="
        + ai
        + ", alerts="
        + alerts(alerts)
        + ", webhookDestinations="
        + webhookDestinations
        + ", endpoints="
        + endpoints
        + ", team="
        + team
        + ", oauth="
        + oauth
        + "]";
  }

  /** A chat webhook URL is a credential (whoever has it may post), so only whether it is set. */
  private static String alerts(AlertSettings alerts) {
    if (alerts == null) {
      return "null";
    }
    return "AlertSettings[interval="
        + alerts.interval()
        + ", webhookUrl="
        + Redaction.of(alerts.webhookUrl())
        + ", emailTo="
        + alerts.emailTo()
        + ", emailMailboxId="
        + alerts.emailMailboxId()
        + ", thresholds="
        + alerts.thresholds()
        + "]";
  }
}
