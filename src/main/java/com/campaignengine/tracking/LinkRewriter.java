package com.campaignengine.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the links of an HTML body to tracked redirect URLs and adds the open pixel.
 *
 * <p>The original URLs are returned by index, for the caller to store with the send. The redirect
 * endpoint then looks a click token's index up in that list, so it can only ever redirect to a URL
 * that was in the email: the token carries no URL, which is what rules out an open redirect.
 *
 * <p>Only {@code <a>} tags whose {@code href} is an absolute {@code http(s)} URL are rewritten;
 * {@code mailto:}, {@code tel:}, fragments, relative URLs and the unsubscribe URL are left alone.
 * This is a tolerant tag scanner, not an HTML parser: it is meant for the HTML our templates
 * render, and it leaves any tag it cannot read unchanged rather than guessing.
 *
 * <p>Stateless and thread-safe.
 */
public final class LinkRewriter {

  /**
   * A rewritten body.
   *
   * @param html the body with tracked hrefs
   * @param urls the original URLs, entity-decoded; element {@code i} is the target of the link that
   *     got {@code trackedUrl.apply(i)}. A URL appearing twice gets two indexes, so a click is
   *     attributed to the position that was clicked.
   */
  public record Rewritten(String html, List<String> urls) {
    public Rewritten {
      urls = List.copyOf(urls);
    }
  }

  /** The default unsubscribe test: our unsubscribe URLs live under {@code /u/}. */
  public static final Predicate<String> UNSUBSCRIBE_URL = url -> url.contains("/u/");

  /** An {@code <a>} start tag; quoted attribute values may contain {@code >}. */
  private static final Pattern A_TAG =
      Pattern.compile("<a(?=[\\s>/])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", Pattern.CASE_INSENSITIVE);

  /** One attribute: name, then an optional double-quoted, single-quoted or bare value. */
  private static final Pattern ATTRIBUTE =
      Pattern.compile(
          "[\\s/]*([^\\s=>\"'/]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");

  private static final Pattern HTTP = Pattern.compile("(?i)https?://\\S+");
  private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

  private LinkRewriter() {}

  /** {@link #rewrite(String, IntFunction, Predicate)} skipping {@link #UNSUBSCRIBE_URL}. */
  public static Rewritten rewrite(String html, IntFunction<String> trackedUrl) {
    return rewrite(html, trackedUrl, UNSUBSCRIBE_URL);
  }

  /**
   * Replaces the href of every tracked link with {@code trackedUrl.apply(index)}.
   *
   * @param trackedUrl the redirect URL for link {@code index} (0-based, in document order)
   * @param leaveAlone true for an (entity-decoded) http(s) URL that must not be tracked
   */
  public static Rewritten rewrite(
      String html, IntFunction<String> trackedUrl, Predicate<String> leaveAlone) {
    List<String> urls = new ArrayList<>();
    Matcher tag = A_TAG.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 256);
    int copied = 0;
    while (tag.find()) {
      int[] value = hrefValue(html, tag.start(1), tag.end(1));
      if (value == null) {
        continue;
      }
      String url = HtmlEntities.decode(html.substring(value[0], value[1])).strip();
      if (!HTTP.matcher(url).matches() || leaveAlone.test(url)) {
        continue;
      }
      String tracked = htmlEscape(trackedUrl.apply(urls.size()));
      urls.add(url);
      // value[2] says whether the value was quoted; a bare value gets quotes now.
      out.append(html, copied, value[0]).append(value[2] == 1 ? tracked : '"' + tracked + '"');
      copied = value[1];
    }
    out.append(html, copied, html.length());
    return new Rewritten(out.toString(), urls);
  }

  /**
   * Adds a 1x1 image loading {@code pixelUrl} before the last {@code </body>}, or at the end when
   * there is none.
   */
  public static String addOpenPixel(String html, String pixelUrl) {
    String img =
        "<img src=\""
            + htmlEscape(pixelUrl)
            + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
    Matcher end = BODY_END.matcher(html);
    int at = -1;
    while (end.find()) {
      at = end.start();
    }
    return at < 0 ? html + img : html.substring(0, at) + img + html.substring(at);
  }

  /** Escapes {@code & < > " '} for use in HTML text and quoted attribute values. */
  public static String htmlEscape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Where the href value sits in {@code html}: {start, end, quoted ? 1 : 0}, or {@code null} when
   * the tag has no href or has attributes this scanner cannot read.
   */
  private static int[] hrefValue(String html, int from, int to) {
    Matcher attribute = ATTRIBUTE.matcher(html).region(from, to);
    while (attribute.regionStart() < to && attribute.lookingAt()) {
      if (attribute.group(1).toLowerCase(Locale.ROOT).equals("href")) {
        for (int g = 2; g <= 4; g++) {
          if (attribute.group(g) != null) {
            return new int[] {attribute.start(g), attribute.end(g), g == 4 ? 0 : 1};
          }
        }
        return null;
      }
      attribute.region(attribute.end(), to);
    }
    return null;
  }
}
