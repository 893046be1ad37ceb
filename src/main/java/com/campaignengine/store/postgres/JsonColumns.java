package com.campaignengine.store.postgres;

import com.campaignengine.store.StoreException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** jsonb columns holding flat string maps (custom fields). */
final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
  private static final TypeReference<java.util.List<com.campaignengine.campaign.Step.Variant>>
      VARIANTS = new TypeReference<>() {};

  private JsonColumns() {}

  static Map<String, String> stringMap(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored custom fields are not a JSON object of strings", e);
    }
  }

  static String write(Map<String, String> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new StoreException("could not write custom fields as JSON", e);
    }
  }

  static Map<String, Object> objectMap(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(json, OBJECT_MAP);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored settings are not a JSON object", e);
    }
  }

  /** A/B variants of an email step, as written by {@link #writeObject}. */
  static java.util.List<com.campaignengine.campaign.Step.Variant> variants(String json) {
    if (json == null || json.isBlank()) {
      return java.util.List.of();
    }
    try {
      return MAPPER.readValue(json, VARIANTS);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored variants are not a JSON array of variants", e);
    }
  }

  static String writeObject(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("could not write settings as JSON", e);
    }
  }
}
