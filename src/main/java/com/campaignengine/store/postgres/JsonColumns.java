package com.campaignengine.store.postgres;

import com.campaignengine.campaign.Step;
import com.campaignengine.store.StoreException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * jsonb columns: flat string maps (custom fields, AI context), settings objects and A/B variants.
 * An empty column reads as empty; what cannot be read or written is a {@link StoreException}.
 */
final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
  private static final TypeReference<List<Step.Variant>> VARIANTS = new TypeReference<>() {};

  private JsonColumns() {}

  static Map<String, String> stringMap(String json) {
    return read(
        json, STRING_MAP, Map.of(), "stored custom fields are not a JSON object of strings");
  }

  static String write(Map<String, String> values) {
    return write(values, "could not write custom fields as JSON");
  }

  static Map<String, Object> objectMap(String json) {
    return read(json, OBJECT_MAP, Map.of(), "stored settings are not a JSON object");
  }

  /** A/B variants of an email step, as written by {@link #writeObject}. */
  static List<Step.Variant> variants(String json) {
    return read(json, VARIANTS, List.of(), "stored variants are not a JSON array of variants");
  }

  static String writeObject(Object value) {
    return write(value, "could not write settings as JSON");
  }

  private static <T> T read(String json, TypeReference<T> type, T empty, String failure) {
    if (json == null || json.isBlank()) {
      return empty;
    }
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StoreException(failure, e);
    }
  }

  private static String write(Object value, String failure) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException(failure, e);
    }
  }
}
