package com.campaignengine.inbound.classify;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the Message-IDs out of In-Reply-To and References headers.
 *
 * <p>Real headers are messy: folded across lines, separated by commas or nothing, mixed with
 * comments or the old "Your message of ..." phrases. Only what sits between {@code <} and {@code >}
 * is taken, so the garbage around ids does not matter. Stateless and thread-safe.
 */
public final class MessageIdHeaders {

  /** More ids than any real thread has; bounds the work on hostile headers. */
  private static final int MAX_IDS = 500;

  private MessageIdHeaders() {}

  /**
   * All {@code <...>} ids in a header value, in order, brackets included, duplicates dropped (the
   * first occurrence stays). Whitespace inside brackets (from folding) is removed; empty brackets
   * are skipped. An unmatched {@code <} restarts the scan at the next {@code <}.
   *
   * @param headerValue the header's value, folded or not; null gives an empty list
   * @return an unmodifiable list, never null
   */
  public static List<String> parseIdList(String headerValue) {
    if (headerValue == null || headerValue.isEmpty()) {
      return List.of();
    }
    Set<String> ids = new LinkedHashSet<>();
    int from = 0;
    while (ids.size() < MAX_IDS) {
      int open = headerValue.indexOf('<', from);
      if (open < 0) {
        break;
      }
      int close = headerValue.indexOf('>', open + 1);
      if (close < 0) {
        break;
      }
      int nestedOpen = headerValue.lastIndexOf('<', close);
      if (nestedOpen > open) {
        // "<garbage <id@x>": the innermost bracket pair is the id.
        open = nestedOpen;
      }
      String inner = stripWhitespace(headerValue.substring(open + 1, close));
      if (!inner.isEmpty()) {
        ids.add("<" + inner + ">");
      }
      from = close + 1;
    }
    return List.copyOf(ids);
  }

  private static String stripWhitespace(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
