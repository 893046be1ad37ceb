package com.campaignengine.api;

import com.sun.net.httpserver.Headers;
import java.util.List;

/** Reads a cookie from the request's {@code Cookie} headers (RFC 6265 §5.4). */
final class Cookies {
  private Cookies() {}

  /** The cookie's value, or null when the request does not carry it. */
  static String value(Headers headers, String name) {
    List<String> lines = headers.get("Cookie");
    if (lines == null) {
      return null;
    }
    for (String line : lines) {
      for (String pair : line.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          String value = pair.substring(eq + 1).strip();
          return value.isEmpty() ? null : value;
        }
      }
    }
    return null;
  }
}
