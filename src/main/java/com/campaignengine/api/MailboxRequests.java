package com.campaignengine.api;

import com.campaignengine.app.MailboxChange;
import com.campaignengine.app.MailboxConnect;
import com.campaignengine.campaign.MailboxDraft;
import com.campaignengine.campaign.MailboxLimits;
import com.campaignengine.failure.ValidationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
          Map.of("api_key", "secret", "base_url", "text"),
          "microsoft",
          Map.of(
              "client_id",
              "text",
              "client_secret",
              "secret",
              "refresh_token",
              "secret",
              "tenant",
              "text",
              "login_url",
              "text",
              "graph_url",
              "text"));

  private MailboxRequests() {}

  static MailboxDraft draft(JsonInput body) {
    String provider = body.requiredText("provider");
    String email = body.optionalText("email");
    String displayName = body.optionalText("display_name");
    // The provider's documented cap: Exchange Online's 10,000 recipients a day for Microsoft 365;
    // Google's 500 for a consumer Gmail account (a Workspace account may raise it to 2,000).
    int dailyLimit =
        body.optionalInt(
            "daily_limit",
            "microsoft".equals(provider)
                ? MailboxConnect.MICROSOFT_DAILY_LIMIT
                : DEFAULT_DAILY_LIMIT);
    Integer hourlyLimit = body.optionalInt("hourly_limit");
    int minGap = body.optionalInt("min_gap_seconds", 0);
    int maxGap = body.optionalInt("max_gap_seconds", minGap);
    String timezone = body.optionalText("timezone");
    Credentials credentials = credentials(body);
    return new MailboxDraft(
        provider,
        email == null ? null : email.strip(),
        displayName,
        new MailboxLimits(
            dailyLimit, hourlyLimit, minGap, maxGap, timezone == null ? "UTC" : timezone),
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

  /**
   * {@code PATCH} bodies: each member given changes (null clears {@code display_name} and {@code
   * hourly_limit}, a setting, or a whole section such as {@code imap}); a secret given replaces the
   * stored one. The address and the provider cannot change: that is another mailbox.
   */
  static MailboxChange change(JsonInput body) {
    for (String fixed : List.of("provider", "email")) {
      if (body.has(fixed)) {
        throw new ValidationException(
            fixed,
            fixed + " cannot be changed: add a new mailbox (and archive what uses this one)");
      }
    }
    Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
    Set<String> removed = new HashSet<>();
    Map<String, String> secrets = new HashMap<>();
    for (Map.Entry<String, Map<String, String>> section : SECTIONS.entrySet()) {
      String name = section.getKey();
      if (!body.has(name)) {
        continue;
      }
      JsonInput object = body.optionalObject(name);
      if (object == null) {
        removed.add(name);
        continue;
      }
      Map<String, Object> given = new HashMap<>();
      for (Map.Entry<String, String> field : section.getValue().entrySet()) {
        String key = field.getKey();
        if (!object.has(key)) {
          continue;
        }
        switch (field.getValue()) {
          case "int" -> given.put(key, object.optionalInt(key));
          case "bool" ->
              given.put(key, object.value(key) == null ? null : object.optionalBool(key, false));
          case "secret" -> {
            String secret = object.optionalText(key);
            if (secret == null) {
              throw new ValidationException(
                  object.path(key), key + " cannot be cleared; remove the section instead");
            }
            secrets.put(name + "." + key, secret);
          }
          default -> given.put(key, object.optionalText(key));
        }
      }
      settings.put(name, given);
    }
    return new MailboxChange(
        given(body, "display_name", body::optionalText),
        given(body, "daily_limit", body::optionalInt),
        given(body, "hourly_limit", body::optionalInt),
        given(body, "min_gap_seconds", body::optionalInt),
        given(body, "max_gap_seconds", body::optionalInt),
        given(body, "timezone", body::optionalText),
        settings,
        removed,
        secrets);
  }

  private static <T> MailboxChange.Given<T> given(
      JsonInput body, String name, Function<String, T> read) {
    return body.has(name) ? new MailboxChange.Given<>(read.apply(name)) : null;
  }

  private static void putIfPresent(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }
}
