package com.campaignengine.node;

import com.campaignengine.app.ServerAdmin;
import java.util.function.UnaryOperator;

/**
 * The secrets of a node, only from the environment and never part of {@link #toString}.
 *
 * @param secretKey {@code CAMPAIGN_ENGINE_SECRET_KEY} (base64, 32 bytes): seals provider secrets;
 *     null means a key file in the data directory
 * @param webhookSecret {@code CAMPAIGN_ENGINE_WEBHOOK_SECRET}: the HMAC key of the generic inbound
 *     webhook; null turns it off
 * @param resendWebhookSecret {@code CAMPAIGN_ENGINE_RESEND_WEBHOOK_SECRET}: Resend's (Svix) signing
 *     secret; null turns Resend's webhook off
 * @param adminKey {@code CAMPAIGN_ENGINE_ADMIN_KEY}: the server administrator's key, which creates
 *     and lists workspaces (16 characters or more); null turns those routes off
 */
public record NodeSecrets(
    String secretKey, String webhookSecret, String resendWebhookSecret, String adminKey) {

  /**
   * @throws IllegalArgumentException if {@code CAMPAIGN_ENGINE_ADMIN_KEY} is set but too short
   */
  static NodeSecrets fromEnvironment(UnaryOperator<String> env) {
    String adminKey = env.apply("CAMPAIGN_ENGINE_ADMIN_KEY");
    if (adminKey != null && !adminKey.isBlank()) {
      ServerAdmin.checkKey(adminKey);
    }
    return new NodeSecrets(
        env.apply("CAMPAIGN_ENGINE_SECRET_KEY"),
        env.apply("CAMPAIGN_ENGINE_WEBHOOK_SECRET"),
        env.apply("CAMPAIGN_ENGINE_RESEND_WEBHOOK_SECRET"),
        adminKey == null || adminKey.isBlank() ? null : adminKey);
  }

  /** The same secrets with another key for secrets at rest (base64 of 32 bytes). */
  public NodeSecrets withSecretKey(String key) {
    return new NodeSecrets(key, webhookSecret, resendWebhookSecret, adminKey);
  }

  /** The same secrets with other inbound webhook secrets. */
  public NodeSecrets withWebhookSecrets(String generic, String resend) {
    return new NodeSecrets(secretKey, generic, resend, adminKey);
  }

  /** The same secrets with another server admin key (null: the admin's routes off). */
  public NodeSecrets withAdminKey(String key) {
    if (key != null) {
      ServerAdmin.checkKey(key);
    }
    return new NodeSecrets(secretKey, webhookSecret, resendWebhookSecret, key);
  }

  @Override
  public String toString() {
    return "NodeSecrets[secretKey="
        + Redaction.of(secretKey)
        + ", webhookSecret="
        + Redaction.of(webhookSecret)
        + ", resendWebhookSecret="
        + Redaction.of(resendWebhookSecret)
        + ", adminKey="
        + Redaction.of(adminKey)
        + "]";
  }
}
