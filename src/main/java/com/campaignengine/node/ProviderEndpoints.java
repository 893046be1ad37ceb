package com.campaignengine.node;

import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * Node-wide provider endpoints ({@code CAMPAIGN_ENGINE_GMAIL_API_URL}, {@code
 * CAMPAIGN_ENGINE_GMAIL_TOKEN_URL}, {@code CAMPAIGN_ENGINE_RESEND_API_URL}); null means the
 * provider's production URL. A mailbox's own settings win over these.
 */
public record ProviderEndpoints(URI gmailApi, URI gmailToken, URI resendApi) {
  static ProviderEndpoints fromEnvironment(UnaryOperator<String> env) {
    return new ProviderEndpoints(
        uri(env.apply("CAMPAIGN_ENGINE_GMAIL_API_URL")),
        uri(env.apply("CAMPAIGN_ENGINE_GMAIL_TOKEN_URL")),
        uri(env.apply("CAMPAIGN_ENGINE_RESEND_API_URL")));
  }

  static URI uri(String value) {
    return value == null || value.isBlank() ? null : URI.create(value);
  }
}
