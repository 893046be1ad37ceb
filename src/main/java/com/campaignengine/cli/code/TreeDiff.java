package com.campaignengine.cli.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The differences between two JSON trees as field paths with their old and new values, whatever the
 * fields are: objects compare member by member, arrays element by element.
 */
public final class TreeDiff {
  /** One difference; {@code before} or {@code after} is missing when the field is added/removed. */
  public record Change(String path, JsonNode before, JsonNode after) {
    public boolean added() {
      return before.isMissingNode();
    }

    public boolean removed() {
      return after.isMissingNode();
    }

    /** {@code ~ steps[1].wait_duration: 2 → 3}, {@code + steps[4]: {…}}, {@code - …}. */
    public String describe() {
      if (added()) {
        return "+ " + path + ": " + after;
      }
      if (removed()) {
        return "- " + path + ": " + before;
      }
      return "~ " + path + ": " + before + " → " + after;
    }
  }

  private TreeDiff() {}

  public static List<Change> between(JsonNode before, JsonNode after) {
    List<Change> changes = new ArrayList<>();
    compare("", before, after, changes);
    return changes;
  }

  private static void compare(String path, JsonNode before, JsonNode after, List<Change> changes) {
    if (before.equals(after)) {
      return;
    }
    if (before.isObject() && after.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      before.fieldNames().forEachRemaining(names::add);
      after.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        compare(
            path.isEmpty() ? name : path + "." + name,
            value(before.get(name)),
            value(after.get(name)),
            changes);
      }
    } else if (before.isArray() && after.isArray()) {
      for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
        compare(path + "[" + i + "]", value(before.get(i)), value(after.get(i)), changes);
      }
    } else {
      changes.add(new Change(path.isEmpty() ? "(campaign)" : path, before, after));
    }
  }

  private static JsonNode value(JsonNode node) {
    return node == null ? MissingNode.getInstance() : node;
  }
}
