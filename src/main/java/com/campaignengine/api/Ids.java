package com.campaignengine.api;

import java.util.OptionalLong;

/** Ids as they arrive in paths, queries and JSON strings: positive decimal numbers. */
final class Ids {
  private Ids() {}

  /** The id, or empty when the text is not a positive decimal number that fits a long. */
  static OptionalLong parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 18) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
    }
    long id = Long.parseLong(text);
    return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
  }
}
