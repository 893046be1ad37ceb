package com.campaignengine.template;

import com.campaignengine.template.TagScanner.Tag;
import com.github.jknack.handlebars.HandlebarsError;
import com.github.jknack.handlebars.HandlebarsException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Handlebars' parser errors ("found: 'EOF', expected: '}}'") into messages for template
 * authors.
 */
final class SyntaxErrors {

  private static final Pattern FOUND =
      Pattern.compile("found: '(.*?)'(?:, expected: '(.*?)')?.*", Pattern.DOTALL);

  private SyntaxErrors() {}

  /** Whether Handlebars failed to parse (rather than rejecting a well-formed call). */
  static boolean isParseError(HandlebarsException e) {
    HandlebarsError err = e.getError();
    return err != null && err.reason != null && FOUND.matcher(err.reason).matches();
  }

  static TemplateException of(HandlebarsException e, String source) {
    HandlebarsError err = e.getError();
    if (err == null) {
      return new TemplateException("syntax error", 1, 1);
    }
    int offset = TextPositions.offsetOf(source, err.line, err.column);
    String reason = err.reason == null ? "" : err.reason;
    Matcher m = FOUND.matcher(reason);
    if (!m.matches()) {
      return TextPositions.error(source, offset, reason.isBlank() ? "syntax error" : reason);
    }
    String found = m.group(1);
    String expected = m.group(2);
    if (isEnd(found) && expected != null && expected.startsWith("}}")) {
      return unclosedTag(source, offset, expected);
    } else if (found.startsWith("{{") && expected != null && isEnd(expected)) {
      return strayTag(source, offset);
    } else if ("{{/".equals(expected)) {
      return unclosedBlock(source, offset);
    } else if (expected != null && offset >= 3 && source.startsWith("{{/", offset - 3)) {
      return TextPositions.error(
          source,
          offset - 3,
          "'{{/" + found + "}}' does not close the open block; expected '{{/" + expected + "}}'");
    }
    String problem =
        "unexpected "
            + describe(found)
            + (expected == null ? "" : ", expected " + describe(expected));
    return TextPositions.error(source, offset, problem);
  }

  private static TemplateException unclosedTag(String source, int offset, String closer) {
    int open = source.lastIndexOf("{{", Math.max(offset - 1, 0));
    if (open < 0) {
      return TextPositions.error(source, offset, "unclosed tag: missing '" + closer + "'");
    }
    while (open > 0 && source.charAt(open - 1) == '{') {
      open--; // point at the first brace of {{{
    }
    return TextPositions.error(
        source,
        open,
        "unclosed tag '" + snippet(source, open, offset) + "': missing '" + closer + "'");
  }

  /**
   * A tag where none may start: {@code {{/if}}} or {@code {{else}}} outside a block, {@code {{}}},
   * ...
   */
  private static TemplateException strayTag(String source, int offset) {
    int open = source.startsWith("{{", offset) ? offset : source.lastIndexOf("{{", offset);
    if (open < 0) {
      return TextPositions.error(source, offset, "unexpected tag");
    }
    int close = source.indexOf("}}", open);
    String tag =
        close < 0 ? snippet(source, open, source.length()) : source.substring(open, close + 2);
    String content = tag.substring(2).replaceFirst("^~?\\s*", "");
    String problem;
    if (content.startsWith("/")) {
      problem = "'" + tag + "' closes no open block";
    } else if (content.startsWith("else") || content.startsWith("^")) {
      problem = "'" + tag + "' outside of an {{#if}} or {{#unless}} block";
    } else if (content.startsWith("}}")) {
      problem = "empty tag '{{}}'";
    } else {
      problem = "'" + tag + "' is not a valid tag";
    }
    return TextPositions.error(source, open, problem);
  }

  private static TemplateException unclosedBlock(String source, int offset) {
    Deque<Tag> open = new ArrayDeque<>();
    for (Tag tag : TagScanner.scan(source)) {
      if (tag.offset() >= offset) {
        break;
      } else if ((tag.sigil().equals("#") || tag.sigil().equals("^")) && !tag.tokens().isEmpty()) {
        open.push(tag);
      } else if (tag.sigil().equals("/") && !open.isEmpty()) {
        open.pop();
      }
    }
    if (open.isEmpty()) {
      return TextPositions.error(source, offset, "unclosed block: missing '{{/...}}'");
    }
    Tag block = open.peek();
    String name = block.tokens().get(0).text();
    return TextPositions.error(
        source,
        block.offset(),
        "unclosed block '"
            + source.substring(block.offset(), block.end())
            + "': missing '{{/"
            + name
            + "}}'");
  }

  private static String snippet(String source, int from, int to) {
    String s = source.substring(from, Math.min(to, from + 40));
    int newline = s.indexOf('\n');
    return (newline < 0 ? s : s.substring(0, newline)).strip();
  }

  private static boolean isEnd(String token) {
    return token.equals("EOF") || token.equals("<EOF>");
  }

  private static String describe(String token) {
    return isEnd(token) ? "end of template" : "'" + token + "'";
  }
}
