package com.campaignengine.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values a template is rendered with, keyed as templates address them: {@code first_name},
 * {@code company} (a map with {@code name}, {@code domain}), {@code custom} (a map), ...
 *
 * <p>Immutable. Values are Strings or nested {@code Map<String, ?>}: the engine resolves nothing
 * else, which keeps templates from calling methods on Java objects. Absent values render empty.
 *
 * @param values the top-level values; copied, must not contain {@code null}
 */
public record TemplateVariables(Map<String, Object> values) {

  public TemplateVariables {
    values = Map.copyOf(values);
  }

  /**
   * Builds the variables of one send.
   *
   * @param person the recipient
   * @param company the recipient's company, or {@code null}
   * @param custom the person's custom fields ({@code {{custom.key}}}), or {@code null}; only keys
   *     matching {@code [A-Za-z0-9_]+} can be used by templates
   * @param sender the sending mailbox
   * @param campaignName the campaign's name, or {@code null}
   * @param unsubscribeUrl the recipient's unsubscribe link, or {@code null}
   */
  public static TemplateVariables of(
      PersonFields person,
      CompanyFields company,
      Map<String, String> custom,
      SenderFields sender,
      String campaignName,
      String unsubscribeUrl) {
    Objects.requireNonNull(person, "person");
    Objects.requireNonNull(sender, "sender");
    Map<String, Object> v = new HashMap<>();
    putIfPresent(v, "first_name", person.firstName());
    putIfPresent(v, "last_name", person.lastName());
    putIfPresent(v, "title", person.title());
    putIfPresent(v, "email_address", person.emailAddress());
    if (company != null) {
      v.put("company", fields("name", company.name(), "domain", company.domain()));
    }
    v.put("custom", custom == null ? Map.of() : withoutNulls(custom));
    v.put("sender", fields("name", sender.name(), "email", sender.email()));
    v.put("campaign", fields("name", campaignName));
    putIfPresent(v, "unsubscribe_url", unsubscribeUrl);
    return new TemplateVariables(v);
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static Map<String, Object> fields(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      putIfPresent(map, (String) keyValues[i], keyValues[i + 1]);
    }
    return Map.copyOf(map);
  }

  private static Map<String, Object> withoutNulls(Map<String, String> custom) {
    Map<String, Object> map = new HashMap<>();
    custom.forEach(
        (k, val) -> {
          if (k != null) {
            putIfPresent(map, k, val);
          }
        });
    return Map.copyOf(map);
  }
}
