package com.campaignengine.node;

import com.campaignengine.mail.resend.ResendSettings;
import com.campaignengine.mailbox.GmailSettings;
import com.campaignengine.mailbox.ImapSettings;
import com.campaignengine.mailbox.MicrosoftSettings;
import com.campaignengine.mailbox.SmtpSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A mailbox's provider settings, from its stored sections ({@code smtp}, {@code imap}, {@code
 * gmail}, {@code microsoft}, {@code resend}) and opened secrets. The provider endpoints can be
 * pointed elsewhere per mailbox ({@code gmail.api_base_url}, {@code gmail.token_url}, {@code
 * resend.base_url}) or for the whole node ({@link ProviderEndpoints}).
 */
final class ProviderSettings {
  private final ProviderEndpoints endpoints;

  ProviderSettings(ProviderEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  /** A mailbox's settings by section. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> sections(Map<String, Object> settings) {
    Map<String, Map<String, Object>> sections = new HashMap<>();
    settings.forEach((name, value) -> sections.put(name, (Map<String, Object>) value));
    return sections;
  }

  GmailSettings gmail(Map<String, Map<String, Object>> settings, Map<String, String> secrets) {
    Map<String, Object> gmail = settings.getOrDefault("gmail", Map.of());
    return new GmailSettings(
        (String) gmail.get("client_id"),
        secrets.get("gmail.client_secret"),
        secrets.get("gmail.refresh_token"),
        orDefault(ProviderEndpoints.uri((String) gmail.get("api_base_url")), endpoints.gmailApi()),
        orDefault(ProviderEndpoints.uri((String) gmail.get("token_url")), endpoints.gmailToken()),
        null);
  }

  MicrosoftSettings microsoft(
      Map<String, Map<String, Object>> settings, Map<String, String> secrets) {
    Map<String, Object> microsoft = settings.getOrDefault("microsoft", Map.of());
    return new MicrosoftSettings(
        (String) microsoft.get("client_id"),
        secrets.get("microsoft.client_secret"),
        secrets.get("microsoft.refresh_token"),
        (String) microsoft.get("tenant"),
        orDefault(
            ProviderEndpoints.uri((String) microsoft.get("login_url")), endpoints.microsoftLogin()),
        orDefault(
            ProviderEndpoints.uri((String) microsoft.get("graph_url")), endpoints.microsoftGraph()),
        null);
  }

  ResendSettings resend(Map<String, Map<String, Object>> settings, Map<String, String> secrets) {
    return new ResendSettings(
        secrets.get("resend.api_key"),
        orDefault(
            ProviderEndpoints.uri(
                (String) settings.getOrDefault("resend", Map.of()).get("base_url")),
            endpoints.resendApi()),
        null);
  }

  static SmtpSettings smtp(Map<String, Object> s, Map<String, String> secrets) {
    String security = (String) s.getOrDefault("security", "starttls");
    int defaultPort = security.equals("tls") ? 465 : 587;
    return new SmtpSettings(
        (String) s.get("host"),
        (Integer) s.getOrDefault("port", defaultPort),
        (String) s.get("username"),
        secrets.get("smtp.password"),
        SmtpSettings.Security.valueOf(security.toUpperCase(Locale.ROOT)),
        null,
        null,
        Boolean.TRUE.equals(s.get("trust_all_certificates")));
  }

  /** Null without an {@code imap} section. */
  static ImapSettings imap(Map<String, Object> s, Map<String, String> secrets) {
    if (s == null) {
      return null;
    }
    String security = (String) s.getOrDefault("security", "tls");
    boolean append = Boolean.TRUE.equals(s.get("append_to_sent"));
    return new ImapSettings(
        (String) s.get("host"),
        (Integer) s.getOrDefault("port", security.equals("tls") ? 993 : 143),
        (String) s.get("username"),
        secrets.get("imap.password"),
        SmtpSettings.Security.valueOf(security.toUpperCase(Locale.ROOT)),
        (String) s.get("sent_folder"),
        !append,
        append,
        Boolean.TRUE.equals(s.get("trust_all_certificates")));
  }

  private static URI orDefault(URI value, URI fallback) {
    return value != null ? value : fallback;
  }
}
