package com.campaignengine.api;

import com.campaignengine.failure.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A JSON object of a request with typed getters that know their path ({@code steps[1].wait_unit}).
 * A value of the wrong JSON type is a 400 naming the path; a missing required value or one out of
 * range is a 422. Absent and {@code null} are the same except where {@link #has} is asked.
 */
final class JsonInput {
  private final JsonNode node;
  private final String path;

  private JsonInput(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** The body: must be an object. */
  static JsonInput root(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.badRequest("body", "the body must be a JSON object");
    }
    return new JsonInput(body, "");
  }

  /** The path of a member of this object. */
  String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** Whether the member is present at all, even as {@code null}. */
  java.util.Iterator<String> fieldNames() {
    return node.fieldNames();
  }

  boolean has(String name) {
    return node.has(name);
  }

  /** A member that is absent or {@code null} gives null. */
  JsonNode value(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** A member as an element with its path, or null when absent or {@code null}. */
  Element member(String name) {
    JsonNode value = value(name);
    return value == null ? null : new Element(value, path(name));
  }

  String optionalText(String name) {
    JsonNode value = value(name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(path(name), "a string");
    }
    return checked(value.textValue(), path(name));
  }

  String requiredText(String name) {
    String text = optionalText(name);
    if (text == null || text.isBlank()) {
      throw new ValidationException(path(name), name + " is required");
    }
    return text;
  }

  Integer optionalInt(String name) {
    JsonNode value = value(name);
    return value == null ? null : intValue(value, path(name));
  }

  int optionalInt(String name, int defaultValue) {
    Integer value = optionalInt(name);
    return value == null ? defaultValue : value;
  }

  int requiredInt(String name) {
    Integer value = optionalInt(name);
    if (value == null) {
      throw new ValidationException(path(name), name + " is required");
    }
    return value;
  }

  boolean optionalBool(String name, boolean defaultValue) {
    JsonNode value = value(name);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      throw wrongType(path(name), "true or false");
    }
    return value.booleanValue();
  }

  /** A nested object, or null when absent. */
  JsonInput optionalObject(String name) {
    JsonNode value = value(name);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw wrongType(path(name), "an object");
    }
    return new JsonInput(value, path(name));
  }

  /** The elements of an array member (empty when absent), each with its path. */
  List<Element> array(String name) {
    JsonNode value = value(name);
    List<Element> elements = new ArrayList<>();
    if (value == null) {
      return elements;
    }
    if (!value.isArray()) {
      throw wrongType(path(name), "an array");
    }
    for (int i = 0; i < value.size(); i++) {
      elements.add(new Element(value.get(i), path(name) + "[" + i + "]"));
    }
    return elements;
  }

  /** An array of objects. */
  List<JsonInput> objects(String name) {
    List<JsonInput> objects = new ArrayList<>();
    for (Element element : array(name)) {
      if (!element.node().isObject()) {
        throw wrongType(element.path(), "an object");
      }
      objects.add(new JsonInput(element.node(), element.path()));
    }
    return objects;
  }

  /** An object of scalar values as text (strings, numbers, booleans); null members are left out. */
  Map<String, String> scalarMap(String name) {
    JsonInput object = optionalObject(name);
    Map<String, String> map = new LinkedHashMap<>();
    if (object == null) {
      return map;
    }
    for (Map.Entry<String, JsonNode> field : object.node.properties()) {
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      if (!value.isValueNode()) {
        throw wrongType(object.path(field.getKey()), "a string, number or boolean");
      }
      String path = object.path(field.getKey());
      map.put(checked(field.getKey(), path), checked(value.asText(), path));
    }
    return map;
  }

  /** One element of an array with its path. */
  record Element(JsonNode node, String path) {
    String text() {
      if (!node.isTextual()) {
        throw wrongType(path, "a string");
      }
      return checked(node.textValue(), path);
    }

    /** An id given as a string or a number; a value that cannot be an id is a 422. */
    long id() {
      OptionalLong id;
      if (node.isTextual()) {
        id = Ids.parse(node.textValue().strip());
      } else if (node.isIntegralNumber()) {
        id =
            node.canConvertToLong() && node.longValue() > 0
                ? OptionalLong.of(node.longValue())
                : OptionalLong.empty();
      } else {
        throw wrongType(path, "an id (a string or a number)");
      }
      if (id.isEmpty()) {
        throw new ValidationException(path, "'" + node.asText() + "' is not an id");
      }
      return id.getAsLong();
    }
  }

  /** PostgreSQL cannot store NUL in text; it is never meaningful in our fields either. */
  private static String checked(String text, String path) {
    if (text.indexOf('\u0000') >= 0) {
      throw new ValidationException(path, path + " must not contain NUL characters");
    }
    return text;
  }

  static int intValue(JsonNode value, String path) {
    if (!value.isIntegralNumber()) {
      throw wrongType(path, "a whole number");
    }
    if (!value.canConvertToInt()) {
      throw new ValidationException(path, path + " is out of range");
    }
    return value.intValue();
  }

  static ApiException wrongType(String path, String expected) {
    return ApiException.badRequest(path, path + " must be " + expected);
  }
}
