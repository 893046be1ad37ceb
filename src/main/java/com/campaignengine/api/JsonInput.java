package com.campaignengine.api;

import com.campaignengine.failure.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A JSON object of a request with typed getters that know their path ({@code steps[1].wait_unit}).
 * A value of the wrong JSON type is a 400 naming the path; a missing required value or one out of
 * range is a 422. Absent and {@code null} are the same except where {@link #has} is asked.
 *
 * <p>Every getter records the member it asked for. A reader therefore declares the fields it knows
 * by reading them, and {@link #requireNoUnknownFields} (called by {@link Request#json} once the
 * reader is done, before anything is written) refuses any member of any object of the body that no
 * reader asked for: a typo such as {@code same_thred} never silently becomes a default.
 */
final class JsonInput {
  private final JsonNode node;
  private final String path;

  /** The members a reader asked for, in the order it asked. */
  private final Set<String> read = new LinkedHashSet<>();

  /**
   * Every object of this body handed to a reader so far, in that order (shared by them all); an
   * object read twice is one wrapper, so what either read counts.
   */
  private final Objects objects;

  private JsonInput(JsonNode node, String path, Objects objects) {
    this.node = node;
    this.path = path;
    this.objects = objects;
    objects.inOrder.add(this);
    objects.byNode.put(node, this);
  }

  /** The wrapper of a nested object of this body: the one made before, if it was read already. */
  private JsonInput child(JsonNode value, String childPath) {
    JsonInput known = objects.byNode.get(value);
    return known != null ? known : new JsonInput(value, childPath, objects);
  }

  /**
   * The body: must be an object. No string in it, nor any member name, may hold a NUL (PostgreSQL
   * cannot store it) or a lone UTF-16 surrogate (it would be stored as '?').
   */
  static JsonInput root(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.badRequest("body", "the body must be a JSON object");
    }
    checkStrings(body, "");
    return new JsonInput(body, "", new Objects());
  }

  /**
   * The first member of any object read from this body that the reader never asked for is a 422
   * naming its path, with the fields it did ask for (or the one the name is a typo of).
   */
  void requireNoUnknownFields() {
    for (JsonInput object : List.copyOf(objects.inOrder)) {
      for (var names = object.node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!object.read.contains(name)) {
          throw new ValidationException(
              object.path(name), "unknown field '" + name + "'" + object.hint(name));
        }
      }
    }
  }

  private String hint(String unknown) {
    for (String known : read) {
      if (Typos.close(unknown, known)) {
        return " (did you mean '" + known + "'?)";
      }
    }
    return read.isEmpty()
        ? " (nothing is expected here)"
        : " (known here: " + String.join(", ", read) + ")";
  }

  /** The path of a member of this object. */
  String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /**
   * Whether the member is present at all, even as {@code null}. Asking does not count as reading: a
   * member only asked about is still unknown unless its value is read too.
   */
  boolean has(String name) {
    return node.has(name);
  }

  /** The names of this object's members, in order: for objects whose keys are data. */
  List<String> memberNames() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** A member that is absent or {@code null} gives null. */
  JsonNode value(String name) {
    read.add(name);
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
    return value.textValue();
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
    return child(value, path(name));
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
      objects.add(child(element.node(), element.path()));
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
      object.read.add(field.getKey());
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      if (!value.isValueNode()) {
        throw wrongType(object.path(field.getKey()), "a string, number or boolean");
      }
      String path = object.path(field.getKey());
      map.put(field.getKey(), value.asText());
    }
    return map;
  }

  /**
   * The objects of one body handed to readers, in the order they were first read, found by identity
   * (two equal objects in a body are two objects to check).
   */
  private static final class Objects {
    private final List<JsonInput> inOrder = new ArrayList<>();
    private final Map<JsonNode, JsonInput> byNode = new IdentityHashMap<>();
  }

  /** One element of an array with its path. */
  record Element(JsonNode node, String path) {
    String text() {
      if (!node.isTextual()) {
        throw wrongType(path, "a string");
      }
      return node.textValue();
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

  /** The first NUL or lone surrogate in a string or a member name is a 422 naming its path. */
  private static void checkStrings(JsonNode node, String path) {
    if (node.isTextual()) {
      checkText(node.textValue(), path);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkStrings(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        String at = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
        checkText(member.getKey(), at);
        checkStrings(member.getValue(), at);
      }
    }
  }

  private static void checkText(String text, String path) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        throw new ValidationException(path, path + " must not contain NUL characters");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new ValidationException(
            path,
            path
                + " contains a lone UTF-16 surrogate (\\u"
                + Integer.toHexString(c)
                + "), which is not a character");
      }
    }
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
