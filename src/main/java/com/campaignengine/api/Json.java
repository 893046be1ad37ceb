package com.campaignengine.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The one JSON mapper of the API and small helpers for rendering: ids as strings, UTC times. */
final class Json {
  /** Strict reading: a key given twice or text after the document is malformed JSON. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /** A JSON document the store built (e.g. an export). */
  static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the store built invalid JSON", e);
    }
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static String id(long id) {
    return Long.toString(id);
  }

  static String id(Long id) {
    return id == null ? null : Long.toString(id);
  }

  /** ISO-8601 in UTC ({@code 2026-03-06T21:55:00Z}), or null. */
  static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** {@code {"items": [...], "next_cursor": ...}}. */
  static ObjectNode page(ArrayNode items, String nextCursor) {
    ObjectNode page = object();
    page.set("items", items);
    page.put("next_cursor", nextCursor);
    return page;
  }
}
