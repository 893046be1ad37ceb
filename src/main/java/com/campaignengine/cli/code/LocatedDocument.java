package com.campaignengine.cli.code;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * A document read from a file and the line of each of its fields, by the API's field paths ({@code
 * name}, {@code steps[2].subject}, {@code sending_window.days[0]}).
 */
public record LocatedDocument(Path file, ObjectNode root, Map<String, Integer> lines) {

  /**
   * The line of the field, or of its nearest enclosing field present in the file (a missing {@code
   * steps[2].subject} points at {@code steps[2]}); 0 when none is.
   */
  public int lineOf(String fieldPath) {
    String path = fieldPath == null ? "" : fieldPath;
    while (true) {
      Integer line = lines.get(path);
      if (line != null) {
        return line;
      }
      if (path.isEmpty()) {
        return 0;
      }
      path = parent(path);
    }
  }

  /** A problem with a field, as {@code file:line: field: message}. */
  public FileProblem problem(String fieldPath, String message) {
    int line = lineOf(fieldPath);
    return new FileProblem(
        file.getFileName()
            + (line > 0 ? ":" + line : "")
            + ": "
            + (fieldPath == null || fieldPath.isEmpty() ? "" : fieldPath + ": ")
            + message);
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
