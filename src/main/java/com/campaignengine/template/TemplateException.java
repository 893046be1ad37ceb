package com.campaignengine.template;

/**
 * A template is not acceptable: a syntax error or a use of something that does not exist. Carries
 * the 1-based position so an editor can point at the problem.
 */
public final class TemplateException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String problem;
  private final int line;
  private final int column;

  /**
   * @param problem human-readable description, e.g. {@code unknown variable 'frist_name'}
   * @param line 1-based line
   * @param column 1-based column
   */
  public TemplateException(String problem, int line, int column) {
    super("line " + line + ", column " + column + ": " + problem);
    this.problem = problem;
    this.line = line;
    this.column = column;
  }

  /** The problem without position, e.g. {@code unknown variable 'frist_name'}. */
  public String problem() {
    return problem;
  }

  /** 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem. */
  public int column() {
    return column;
  }
}
