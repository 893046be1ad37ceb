package com.campaignengine.inbound.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Trims a reply's plain text to what its sender wrote: everything from the first quoted-history
 * header on is dropped ({@code On <date>, <someone> wrote:}, possibly folded over two lines; {@code
 * -----Original Message-----}; an Outlook {@code From: … / Sent: …} block), and so is every line
 * quoted with {@code >}. The result is at most {@link #MAX_CHARS} characters.
 */
public final class QuotedHistory {
  /** The most text of a reply kept: enough for any answer a person types. */
  public static final int MAX_CHARS = 20_000;

  private static final Pattern WROTE = Pattern.compile("(?i)^on\\b.*\\bwrote:\\s*$");
  private static final Pattern ORIGINAL =
      Pattern.compile("(?i)^-{2,}\\s*original message\\s*-{2,}");
  private static final Pattern OUTLOOK_FROM = Pattern.compile("(?i)^\\*?from:\\*?\\s+\\S.*");
  private static final Pattern OUTLOOK_SENT = Pattern.compile("(?i)^\\*?(sent|date):\\*?\\s+\\S.*");

  private QuotedHistory() {}

  /** What the sender wrote above the quoted history; empty for a null text. */
  public static String trim(String text) {
    if (text == null) {
      return "";
    }
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (startsHistory(lines, i, line)) {
        break;
      }
      if (!line.startsWith(">")) {
        kept.add(lines[i].stripTrailing());
      }
    }
    String body = String.join("\n", kept).strip();
    return body.length() <= MAX_CHARS ? body : body.substring(0, MAX_CHARS);
  }

  private static boolean startsHistory(String[] lines, int i, String line) {
    if (WROTE.matcher(line).matches() || ORIGINAL.matcher(line).find()) {
      return true;
    }
    if (line.toLowerCase(Locale.ROOT).startsWith("on ")
        && i + 1 < lines.length
        && WROTE.matcher(line + " " + lines[i + 1].strip()).matches()) {
      return true; // "On Mon, 2 Mar 2026 at 10:00, Ada <ada@example.com>\nwrote:"
    }
    if (OUTLOOK_FROM.matcher(line).matches()) {
      for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
        if (OUTLOOK_SENT.matcher(lines[j].strip()).matches()) {
          return true;
        }
      }
    }
    return false;
  }
}
