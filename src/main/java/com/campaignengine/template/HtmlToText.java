package com.campaignengine.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text part of an email whose author wrote only HTML: paragraphs and line breaks become new
 * lines, a link becomes "text (url)", tags go, entities are decoded. Good enough for mail clients
 * that show text; not a general HTML renderer.
 */
public final class HtmlToText {
  private static final Pattern LINK =
      Pattern.compile("(?is)<a\\s[^>]*?href\\s*=\\s*[\"']([^\"']*)[\"'][^>]*>(.*?)</a>");
  private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
  private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|h[1-6]|li|tr)>");
  private static final Pattern DROP = Pattern.compile("(?is)<(script|style|head)[^>]*>.*?</\\1>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

  private HtmlToText() {}

  public static String convert(String html) {
    String text = DROP.matcher(html).replaceAll("");
    Matcher links = LINK.matcher(text);
    StringBuilder withLinks = new StringBuilder();
    while (links.find()) {
      String label = TAG.matcher(links.group(2)).replaceAll("").strip();
      String url = links.group(1);
      String replacement = label.isEmpty() || label.equals(url) ? url : label + " (" + url + ")";
      links.appendReplacement(withLinks, Matcher.quoteReplacement(replacement));
    }
    links.appendTail(withLinks);
    text = BREAK.matcher(withLinks).replaceAll("\n");
    text = BLOCK_END.matcher(text).replaceAll("\n\n");
    text = TAG.matcher(text).replaceAll("");
    text =
        text.replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }
}
