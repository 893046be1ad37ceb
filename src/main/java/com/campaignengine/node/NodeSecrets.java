package com.campaignengine.node;

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
 */
public record NodeSecrets(String secretKey, String webhookSecret, String resendWebhookSecret) {

  static NodeSecrets fromEnvironment(UnaryOperator<String> env) {
    return new NodeSecrets(
        env.apply("CAMPAIGN_ENGINE_SECRET_KEY"),
        env.apply("CAMPAIGN_ENGINE_WEBHOOK_SECRET"),
        env.apply("CAMPAIGN_ENGINE_RESEND_WEBHOOK_SECRET"));
  }

  /** The same secrets with another key for secrets at rest (base64 of 32 bytes). */
  public NodeSecrets withSecretKey(String key) {
    return new NodeSecrets(key, webhookSecret, resendWebhookSecret);
  }

  /** The same secrets with other inbound webhook secrets. */
  public NodeSecrets withWebhookSecrets(String generic, String resend) {
    return new NodeSecrets(secretKey, generic, resend);
  }

  @Override
  public String toString() {
    return "NodeSecrets[secretKey="
        + Redaction.of(secretKey)
        + ", webhookSecret="
        + Redaction.of(webhookSecret)
        + ", resendWebhookSecret="
        + Redaction.of(resendWebhookSecret)
        + "]";
  }
}
