package com.campaignengine.api;

import com.campaignengine.campaign.MailboxDraft;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/mailboxes} bodies to drafts. Each provider section ({@code smtp}, {@code
 * imap}, {@code gmail}, {@code resend}) splits into plain settings and write-only secrets; unknown
 * fields anywhere are refused (by {@link JsonInput}), so a typo never silently drops a setting.
 */
final class MailboxRequests {
  static final int DEFAULT_DAILY_LIMIT = 500;

  /** Field name to kind: "text", "int", "bool", or "secret" (write-only). */
  private static final Map<String, Map<String, String>> SECTIONS =
      Map.of(
          "smtp",
          Map.of(
              "host",
              "text",
              "port",
              "int",
              "username",
              "text",
              "password",
              "secret",
              "security",
              "text",
              "trust_all_certificates",
              "bool"),
          "imap",
          Map.of(
              "host",
              "text",
              "port",
              "int",
              "username",
              "text",
              "password",
              "secret",
              "security",
              "text",
              "sent_folder",
              "text",
              "append_to_sent",
              "bool",
              "trust_all_certificates",
              "bool"),
          "gmail",
          Map.of(
              "client_id",
              "text",
              "client_secret",
              "secret",
              "refresh_token",
              "secret",
              "api_base_url",
              "text",
              "token_url",
              "text"),
          "resend",
          Map.of("api_key", "secret", "base_url", "text"));

  private MailboxRequests() {}

  static MailboxDraft draft(JsonInput body) {
    String provider = body.requiredText("provider");
    String email = body.optionalText("email");
    String displayName = body.optionalText("display_name");
    int dailyLimit = body.optionalInt("daily_limit", DEFAULT_DAILY_LIMIT);
    Integer hourlyLimit = body.optionalInt("hourly_limit");
    int minGap = body.optionalInt("min_gap_seconds", 0);
    int maxGap = body.optionalInt("max_gap_seconds", minGap);
    String timezone = body.optionalText("timezone");
    Credentials credentials = credentials(body);
    return new MailboxDraft(
        provider,
        email == null ? null : email.strip(),
        displayName,
        dailyLimit,
        hourlyLimit,
        minGap,
        maxGap,
        timezone == null ? "UTC" : timezone,
        credentials.settings(),
        credentials.secrets());
  }

  /** Settings and secrets by section, as in a create or a credentials update. */
  record Credentials(Map<String, Map<String, Object>> settings, Map<String, String> secrets) {}

  static Credentials credentials(JsonInput body) {
    Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
    Map<String, String> secrets = new HashMap<>();
    for (Map.Entry<String, Map<String, String>> section : SECTIONS.entrySet()) {
      JsonInput object = body.optionalObject(section.getKey());
      if (object == null) {
        continue;
      }
      Map<String, Object> plain = new LinkedHashMap<>();
      for (Map.Entry<String, String> field : section.getValue().entrySet()) {
        String name = field.getKey();
        switch (field.getValue()) {
          case "int" -> putIfPresent(plain, name, object.optionalInt(name));
          case "bool" ->
              putIfPresent(plain, name, object.has(name) ? object.optionalBool(name, false) : null);
          case "secret" -> {
            String secret = object.optionalText(name);
            if (secret != null) {
              secrets.put(section.getKey() + "." + name, secret);
            }
          }
          default -> putIfPresent(plain, name, object.optionalText(name));
        }
      }
      settings.put(section.getKey(), plain);
    }
    return new Credentials(settings, secrets);
  }

  private static void putIfPresent(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }
}
