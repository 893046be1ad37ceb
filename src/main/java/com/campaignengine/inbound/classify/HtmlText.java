package com.campaignengine.inbound.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTML body into plain text good enough for classification: no rendering, just tags out,
 * block ends as line breaks and the common entities decoded.
 */
final class HtmlText {

  private static final Pattern INVISIBLE =
      Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
  private static final Pattern BLOCK_END =
      Pattern.compile("(?i)<br\\s*/?>|</(?:p|div|tr|li|h[1-6]|table|blockquote)\\s*>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY =
      Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n(?:\\s*\\n)+");

  private HtmlText() {}

  static String strip(String html) {
    String text = INVISIBLE.matcher(html).replaceAll(" ");
    text = BLOCK_END.matcher(text).replaceAll("\n");
    text = TAG.matcher(text).replaceAll("");
    text = decodeEntities(text);
    text = SPACES.matcher(text).replaceAll(" ");
    text = text.replaceAll(" ?\\r?\\n ?", "\n");
    return BLANK_LINES.matcher(text).replaceAll("\n\n").trim();
  }

  private static String decodeEntities(String text) {
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(entity(m)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String entity(Matcher m) {
    if (m.group(3) != null) {
      return switch (m.group(3)) {
        case "nbsp" -> " ";
        case "amp" -> "&";
        case "lt" -> "<";
        case "gt" -> ">";
        case "quot" -> "\"";
        case "apos" -> "'";
        default -> m.group();
      };
    }
    int codePoint =
        m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
    return Character.isValidCodePoint(codePoint) && codePoint != 0
        ? new String(Character.toChars(codePoint))
        : "";
  }
}
