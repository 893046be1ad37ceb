package com.campaignengine.mail;

import java.util.regex.Pattern;

/**
 * Text that ends in a header line (a subject, a display name): the rules shared by the checks at
 * the door and by the composer. A stored value must be one line; a value rendered from a person's
 * data is folded to one line instead, so one odd field never stops a send.
 */
public final class HeaderText {
  /** RFC 5322 §2.1.1: a line of a message is at most 998 characters. */
  public static final int MAX_LENGTH = 998;

  private static final Pattern LINE_BREAKS = Pattern.compile("[ \\t]*[\\r\\n]+[ \\t]*");

  private HeaderText() {}

  /** Whether the value has no CR or LF (null counts as one line). */
  public static boolean isOneLine(String value) {
    return value == null || (value.indexOf('\r') < 0 && value.indexOf('\n') < 0);
  }

  /** The value with every line break (and the blanks around it) replaced by one space. */
  public static String fold(String value) {
    return value == null || isOneLine(value) ? value : LINE_BREAKS.matcher(value).replaceAll(" ");
  }
}
