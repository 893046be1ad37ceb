package com.campaignengine.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The query string of a request, with typed getters that answer 400 naming the parameter. */
final class QueryParams {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  /** Parses a raw query; the first of repeated parameters counts. */
  static QueryParams parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
        values.putIfAbsent(name, value);
      }
    }
    return new QueryParams(values);
  }

  private static String decode(String text, String field) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, "malformed percent-encoding in the query string");
    }
  }

  /** The value, or null when absent or empty. */
  String text(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** {@code limit}: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
  /** {@code true} or {@code false}; absent gives the default, anything else is a 400. */
  boolean flag(String name, boolean fallback) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw ApiException.badRequest(name, name + " must be true or false");
  }

  int limit() {
    String text = text("limit");
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    OptionalLong limit = Ids.parse(text);
    if (limit.isEmpty() || limit.getAsLong() > MAX_LIMIT) {
      throw ApiException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
    return (int) limit.getAsLong();
  }

  /** A whole number from 1 to {@code max}; {@code fallback} when absent. */
  int number(String name, int fallback, int max) {
    String text = text(name);
    if (text == null) {
      return fallback;
    }
    OptionalLong value = Ids.parse(text);
    if (value.isEmpty() || value.getAsLong() > max) {
      throw ApiException.badRequest(name, name + " must be a whole number from 1 to " + max);
    }
    return (int) value.getAsLong();
  }

  /** {@code cursor}: the {@code next_cursor} of the previous page; 0 (the start) when absent. */
  long cursor() {
    String text = text("cursor");
    if (text == null) {
      return 0;
    }
    OptionalLong cursor = Ids.parse(text);
    if (cursor.isEmpty()) {
      throw ApiException.badRequest(
          "cursor", "cursor must be a next_cursor value from an earlier page");
    }
    return cursor.getAsLong();
  }

  /** An optional id parameter such as {@code campaign_id}; null when absent. */
  Long id(String name) {
    String text = text(name);
    if (text == null) {
      return null;
    }
    OptionalLong id = Ids.parse(text);
    if (id.isEmpty()) {
      throw ApiException.badRequest(name, name + " must be an id");
    }
    return id.getAsLong();
  }
}
