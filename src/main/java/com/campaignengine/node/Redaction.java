package com.campaignengine.node;

import java.util.regex.Pattern;

/** How settings show a secret in {@code toString}: whether it is set, never its value. */
final class Redaction {
  static final String REDACTED = "<redacted>";

  private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/@:]*:)[^/@]*@");
  private static final Pattern QUERY_PASSWORD = Pattern.compile("([?&]password=)[^&]*");

  private Redaction() {}

  /** {@code null} when not set, else {@value #REDACTED}. */
  static String of(Object secret) {
    return secret == null ? "null" : REDACTED;
  }

  /** A database or webhook URL without the password it may carry. */
  static String url(String url) {
    if (url == null) {
      return "null";
    }
    String withoutUserInfo = URL_PASSWORD.matcher(url).replaceAll("$1" + REDACTED + "@");
    return QUERY_PASSWORD.matcher(withoutUserInfo).replaceAll("$1" + REDACTED);
  }
}
