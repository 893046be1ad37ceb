package com.campaignengine.inbound.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a message/delivery-status part (RFC 3464 section 2): groups of header-like fields
 * separated by blank lines, the per-message group first, then one group per recipient.
 */
final class DsnFields {

  private static final Pattern STATUS =
      Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
  private static final int MAX_VALUE = 1000;

  private DsnFields() {}

  /** Every field group; names lower-case, values unfolded, the first value of a name kept. */
  static List<Map<String, String>> groups(String text) {
    List<Map<String, String>> groups = new ArrayList<>();
    Map<String, String> group = new LinkedHashMap<>();
    String last = null;
    for (String line : text.split("\\r?\\n", -1)) {
      if (line.isBlank()) {
        if (!group.isEmpty()) {
          groups.add(group);
          group = new LinkedHashMap<>();
        }
        last = null;
      } else if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
        String value = group.get(last) + " " + line.strip();
        group.put(last, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
      } else {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          last = group.containsKey(name) ? null : name;
          group.putIfAbsent(name, line.substring(colon + 1).strip());
        }
      }
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    return groups;
  }

  /**
   * A recipient group's action, lower-case. Action is mandatory, but some MTAs leave it out; then a
   * recipient group with a 5.x.x status counts as failed and 4.x.x as delayed.
   */
  static String action(Map<String, String> group) {
    String action = group.get("action");
    if (action != null) {
      return action.strip().split("[\\s;(]", 2)[0].toLowerCase(Locale.ROOT);
    }
    if (!group.containsKey("final-recipient") && !group.containsKey("original-recipient")) {
      return "";
    }
    String status = status(group.get("status")).orElse("");
    return status.startsWith("5") ? "failed" : status.startsWith("4") ? "delayed" : "";
  }

  /** The enhanced status code ("5.1.1") in a field value, if any. */
  static Optional<String> status(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = STATUS.matcher(value);
    return m.find()
        ? Optional.of(m.group(1) + "." + m.group(2) + "." + m.group(3))
        : Optional.empty();
  }

  /** The address of "rfc822; <User@Example.com>", lower-case, without type or brackets. */
  static String address(String value) {
    if (value == null) {
      return "";
    }
    int semicolon = value.indexOf(';');
    String address = (semicolon >= 0 ? value.substring(semicolon + 1) : value).trim();
    address = address.replaceAll("^<|>$", "").trim();
    return address.toLowerCase(Locale.ROOT);
  }

  /** A Diagnostic-Code value without its type ("smtp; 550 ..." gives "550 ..."). */
  static String diagnostic(String value) {
    if (value == null) {
      return "";
    }
    String text = value.replaceFirst("^(?i)[a-z0-9-]{1,20}\\s*;\\s*", "").trim();
    return text.length() > 500 ? text.substring(0, 500) : text;
  }
}
