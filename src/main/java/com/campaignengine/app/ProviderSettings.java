package com.campaignengine.app;

import com.campaignengine.failure.ValidationException;
import com.campaignengine.mail.HeaderText;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** The settings each provider needs, checked before a mailbox is written. */
final class ProviderSettings {
  static final Set<String> PROVIDERS = Set.of("outbox", "smtp", "gmail", "resend", "microsoft");
  private static final Set<String> SECURITY = Set.of("none", "starttls", "tls");

  private ProviderSettings() {}

  static void check(
      String provider, Map<String, Map<String, Object>> s, Map<String, String> secrets) {
    if (!PROVIDERS.contains(provider)) {
      throw new ValidationException(
          "provider",
          "unsupported provider '" + provider + "' (use outbox, smtp, gmail, microsoft or resend)");
    }
    switch (provider) {
      case "smtp" -> server("smtp", s.get("smtp"), true);
      case "gmail" -> {
        Map<String, Object> gmail = section(s, "gmail");
        requireText("gmail.client_id", gmail.get("client_id"));
        requireSecret(secrets, "gmail.client_secret");
        requireSecret(secrets, "gmail.refresh_token");
        url("gmail.api_base_url", gmail.get("api_base_url"));
        url("gmail.token_url", gmail.get("token_url"));
      }
      case "microsoft" -> {
        Map<String, Object> microsoft = section(s, "microsoft");
        requireText("microsoft.client_id", microsoft.get("client_id"));
        requireSecret(secrets, "microsoft.client_secret");
        requireSecret(secrets, "microsoft.refresh_token");
        tenant(microsoft.get("tenant"));
        url("microsoft.login_url", microsoft.get("login_url"));
        url("microsoft.graph_url", microsoft.get("graph_url"));
      }
      case "resend" -> {
        requireSecret(secrets, "resend.api_key");
        url("resend.base_url", section(s, "resend").get("base_url"));
      }
      default -> {}
    }
    if (s.containsKey("imap")) {
      server("imap", s.get("imap"), false);
    }
    oneLine(s, secrets);
    for (String section : s.keySet()) {
      if (!section.equals("imap") && !section.equals(provider)) {
        throw new ValidationException(
            section, "settings '" + section + "' do not apply to provider " + provider);
      }
    }
  }

  /** A tenant id, a domain, or common/organizations/consumers: it becomes a URL path segment. */
  private static void tenant(Object value) {
    if (value == null) {
      return;
    }
    if (!(value instanceof String text) || !text.strip().matches("[A-Za-z0-9.-]{1,100}")) {
      throw new ValidationException(
          "microsoft.tenant", "microsoft.tenant must be a tenant id, a domain, or common");
    }
  }

  /**
   * Settings end in SMTP and IMAP commands (a host, a user name, a folder), secrets in commands and
   * HTTP headers (an API key): a CR or LF in one would start a command or header of its own.
   */
  private static void oneLine(Map<String, Map<String, Object>> s, Map<String, String> secrets) {
    s.forEach(
        (section, values) ->
            values.forEach(
                (name, value) -> {
                  if (value instanceof String text && !HeaderText.isOneLine(text)) {
                    throw new ValidationException(
                        section + "." + name, section + "." + name + " must be one line");
                  }
                }));
    secrets.forEach(
        (field, value) -> {
          if (!HeaderText.isOneLine(value)) {
            throw new ValidationException(field, field + " must be one line");
          }
        });
  }

  private static Map<String, Object> section(Map<String, Map<String, Object>> s, String name) {
    Map<String, Object> section = s.get(name);
    if (section == null) {
      throw new ValidationException(name, "provider " + name + " needs a '" + name + "' object");
    }
    return section;
  }

  private static void server(String name, Map<String, Object> section, boolean required) {
    if (section == null) {
      if (required) {
        throw new ValidationException(name, "provider " + name + " needs a '" + name + "' object");
      }
      return;
    }
    requireText(name + ".host", section.get("host"));
    Object port = section.get("port");
    if (port != null && ((Integer) port < 1 || (Integer) port > 65535)) {
      throw new ValidationException(name + ".port", "port must be between 1 and 65535");
    }
    Object security = section.get("security");
    if (security != null && !SECURITY.contains(security)) {
      throw new ValidationException(name + ".security", "security must be none, starttls or tls");
    }
  }

  private static void requireText(String field, Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
  }

  private static void requireSecret(Map<String, String> secrets, String field) {
    String value = secrets.get(field);
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
  }

  private static void url(String field, Object value) {
    if (value == null) {
      return;
    }
    try {
      URI uri = URI.create((String) value);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not http(s)");
      }
    } catch (IllegalArgumentException e) {
      throw new ValidationException(field, field + " must be an http(s) URL");
    }
  }
}
