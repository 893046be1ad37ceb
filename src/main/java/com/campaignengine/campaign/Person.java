package com.campaignengine.campaign;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A person who can be enrolled. {@code company} may be null; {@code custom} never is. */
public record Person(
    long id,
    long workspaceId,
    String emailAddress,
    String firstName,
    String lastName,
    String title,
    String timezone,
    Company company,
    Map<String, String> custom) {

  private static final Set<String> STANDARD_FIELDS =
      Set.of(
          "email_address",
          "first_name",
          "last_name",
          "title",
          "timezone",
          "company.name",
          "company.domain");

  public Person {
    custom = Map.copyOf(custom);
  }

  /**
   * A field by its template name ({@code first_name}, {@code company.domain}, {@code custom.skill},
   * …), or null when absent: what {@code field} conditions compare.
   */
  public String field(String name) {
    if (name.startsWith("custom.")) {
      return custom.get(name.substring("custom.".length()));
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "email_address", "email" -> emailAddress;
      case "first_name" -> firstName;
      case "last_name" -> lastName;
      case "title" -> title;
      case "timezone" -> timezone;
      case "company.name" -> company == null ? null : company.name();
      case "company.domain" -> company == null ? null : company.domain();
      default -> null;
    };
  }

  /** Whether {@link #field} knows the name (custom fields always are). */
  public static boolean isKnownField(String name) {
    return STANDARD_FIELDS.contains(name) || name.matches("custom\\.[A-Za-z0-9_]+");
  }
}
