package com.campaignengine.template;

import java.util.Set;
import java.util.regex.Pattern;

/** The vocabulary templates may use; anything else is rejected by {@link TemplateEngine#check}. */
final class KnownNames {

  static final Set<String> BLOCK_HELPERS = Set.of("if", "unless");
  static final Set<String> HELPERS = Set.of("if", "unless", DefaultHelper.NAME);

  private static final Set<String> VARIABLES =
      Set.of(
          "first_name",
          "last_name",
          "title",
          "email_address",
          "company.name",
          "company.domain",
          "sender.name",
          "sender.email",
          "campaign.name",
          "unsubscribe_url");
  private static final Pattern CUSTOM = Pattern.compile("custom\\.[A-Za-z0-9_]+");

  private KnownNames() {}

  static boolean isVariable(String name) {
    return VARIABLES.contains(name) || CUSTOM.matcher(name).matches();
  }

  static boolean isKnown(String name) {
    return isVariable(name) || HELPERS.contains(name);
  }
}
