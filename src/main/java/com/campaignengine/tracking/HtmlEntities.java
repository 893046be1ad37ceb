package com.campaignengine.tracking;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the character references that occur in attribute values of generated HTML: the five XML
 * entities, {@code &nbsp;} and numeric references. Unknown or malformed references are kept as
 * written, as browsers do. Stateless and thread-safe.
 */
final class HtmlEntities {

  private static final Pattern REFERENCE =
      Pattern.compile("&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]+));");

  private static final Map<String, String> NAMED =
      Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0");

  private HtmlEntities() {}

  static String decode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = REFERENCE.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replacement(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String replacement(Matcher m) {
    if (m.group(3) != null) {
      return NAMED.getOrDefault(m.group(3), m.group());
    }
    int codePoint =
        m.group(1) != null ? Integer.parseInt(m.group(1), 16) : Integer.parseInt(m.group(2));
    return Character.isValidCodePoint(codePoint) && codePoint != 0
        ? Character.toString(codePoint)
        : m.group();
  }
}
