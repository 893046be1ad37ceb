package com.campaignengine.mail;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation shared by the message model; keeps user data from smuggling in extra headers. */
final class HeaderValues {

  /** RFC 5322 field-name: printable US-ASCII except colon. */
  private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

  /**
   * Headers {@link MimeMessages} writes itself; overriding them would break threading or
   * reconciliation.
   */
  private static final Set<String> RESERVED =
      Set.of(
          "message-id",
          "date",
          "from",
          "to",
          "cc",
          "bcc",
          "subject",
          "in-reply-to",
          "references",
          "mime-version",
          "content-type",
          "content-transfer-encoding");

  private HeaderValues() {}

  static void requireSingleLine(String what, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(what + " must not contain CR or LF");
    }
  }

  static void requireExtraHeaderName(String name) {
    if (name == null || !FIELD_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid header name: " + name);
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "header " + name + " is set by the engine, not as an extra header");
    }
  }
}
