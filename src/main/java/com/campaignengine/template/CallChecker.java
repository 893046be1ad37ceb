package com.campaignengine.template;

import com.campaignengine.template.TagScanner.Kind;
import com.campaignengine.template.TagScanner.Token;
import com.github.jknack.handlebars.Handlebars;
import java.util.List;

/**
 * Checks one call inside a tag ({@code {{name args}}}, {@code {{#if x}}}, {@code (default x "y")}):
 * names must be known, helpers must be used the way they render correctly, variables take no
 * arguments. Reports the first problem in source order. One instance per checked source; not
 * thread-safe.
 */
final class CallChecker {

  /** Where a call appears; each helper is only meaningful in some of them. */
  enum Mode {
    INLINE,
    BLOCK,
    SUBEXPRESSION
  }

  private final Handlebars handlebars;
  private final String source;

  CallChecker(Handlebars handlebars, String source) {
    this.handlebars = handlebars;
    this.source = source;
  }

  /** Checks the call starting at {@code tokens[start]}; returns the index just past it. */
  int check(List<Token> tokens, int start, Mode mode) throws TemplateException {
    Token callee = tokens.get(start);
    checkCallee(callee, mode);
    int args = 0;
    boolean hash = false;
    int i = start + 1;
    while (i < tokens.size() && tokens.get(i).kind() != Kind.CLOSE) {
      Token t = tokens.get(i);
      switch (t.kind()) {
        case HASH_KEY -> hash = true;
        case OPEN -> i = check(tokens, i + 1, Mode.SUBEXPRESSION);
        case PATH -> requireVariable(t);
        case BLOCK_PARAMS -> throw error(t, "block parameters are not supported");
        default -> {} // string and number literals are always fine
      }
      args += t.kind() == Kind.HASH_KEY ? 0 : 1;
      i++;
    }
    checkArguments(callee, args, hash);
    return i;
  }

  private void checkCallee(Token callee, Mode mode) throws TemplateException {
    String name = callee.text();
    if (callee.kind() != Kind.PATH) {
      throw error(callee, "expected a variable or helper name, found " + name);
    } else if (KnownNames.BLOCK_HELPERS.contains(name)) {
      if (mode != Mode.BLOCK) {
        throw error(
            callee, "'" + name + "' must open a block: {{#" + name + " ...}}...{{/" + name + "}}");
      }
    } else if (name.equals(DefaultHelper.NAME)) {
      if (mode == Mode.BLOCK) {
        throw error(callee, "'default' cannot open a block; use {{default value \"fallback\"}}");
      }
    } else if (KnownNames.isVariable(name)) {
      if (mode == Mode.BLOCK) {
        throw error(callee, "'{{#" + name + "}}' is not supported; use {{#if " + name + "}}");
      } else if (mode == Mode.SUBEXPRESSION) {
        throw error(callee, "'" + name + "' is a variable, not a helper");
      }
    } else if (handlebars.helper(name) != null) {
      throw error(callee, "unsupported helper '" + name + "' (available: if, unless, default)");
    } else {
      throw error(callee, "unknown variable '" + name + "'");
    }
  }

  private void checkArguments(Token callee, int args, boolean hash) throws TemplateException {
    String name = callee.text();
    if (KnownNames.BLOCK_HELPERS.contains(name) && (args != 1 || hash)) {
      throw error(
          callee, "'" + name + "' needs exactly one condition, e.g. {{#" + name + " title}}");
    } else if (name.equals(DefaultHelper.NAME) && (args != 2 || hash)) {
      throw error(
          callee, "'default' needs a value and a fallback, e.g. {{default first_name \"there\"}}");
    } else if (KnownNames.isVariable(name) && (args > 0 || hash)) {
      throw error(callee, "'" + name + "' is a variable and takes no arguments");
    }
  }

  private void requireVariable(Token t) throws TemplateException {
    if (!KnownNames.isVariable(t.text())) {
      throw error(t, "unknown variable '" + t.text() + "'");
    }
  }

  private TemplateException error(Token at, String problem) {
    return TextPositions.error(source, at.offset(), problem);
  }
}
