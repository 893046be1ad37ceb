package com.campaignengine.api;

import com.campaignengine.readmodel.Page;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

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

  /** {@code {"items": [...]}}: every value, rendered, in order. */
  static <T> ObjectNode items(List<T> values, Function<T, ? extends JsonNode> render) {
    ObjectNode list = object();
    list.set("items", array(values, render));
    return list;
  }

  /** {@code {"items": [...], "next_cursor": ...}}: one page of values, rendered, in order. */
  static <T> ObjectNode page(Page<T> page, Function<T, ? extends JsonNode> render) {
    ObjectNode json = object();
    json.set("items", array(page.items(), render));
    json.put("next_cursor", page.nextCursor());
    return json;
  }

  private static <T> ArrayNode array(List<T> values, Function<T, ? extends JsonNode> render) {
    ArrayNode items = array();
    values.forEach(value -> items.add(render.apply(value)));
    return items;
  }
}
