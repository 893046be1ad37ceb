package com.campaignengine.template;

/**
 * Converts between string offsets and line/column, counting lines by {@code \n} like Handlebars.
 */
final class TextPositions {

  private TextPositions() {}

  /** A {@link TemplateException} for the 1-based line and column of {@code offset}. */
  static TemplateException error(String source, int offset, String problem) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(Math.max(offset, 0), source.length());
    for (int i = 0; i < end; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new TemplateException(problem, line, end - lineStart + 1);
  }

  /**
   * The offset of a 1-based line and 0-based column (Handlebars' convention), clamped to the
   * source.
   */
  static int offsetOf(String source, int line, int column0) {
    int lineStart = 0;
    for (int l = 1; l < line; l++) {
      int newline = source.indexOf('\n', lineStart);
      if (newline < 0) {
        return source.length();
      }
      lineStart = newline + 1;
    }
    return Math.min(lineStart + Math.max(column0, 0), source.length());
  }
}
