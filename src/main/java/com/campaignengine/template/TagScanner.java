package com.campaignengine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the mustache tags of a template and tokenizes them, keeping offsets, because Handlebars'
 * compiled templates do not tell where each name was used. Lenient by design: Handlebars has
 * already rejected malformed templates before this runs. Stateless, hence thread-safe.
 */
final class TagScanner {

  enum Kind {
    PATH,
    STRING,
    LITERAL,
    OPEN,
    CLOSE,
    HASH_KEY,
    BLOCK_PARAMS
  }

  record Token(String text, int offset, Kind kind) {}

  /**
   * One tag from its opening to just past its closing braces. {@code sigil} is the tag's kind:
   * empty, "#", "^", "/", "&amp;", "&gt;", "*", "#&gt;", "#*", "{" for a triple-stash or "{{{{" for
   * a raw block.
   */
  record Tag(int offset, int end, String sigil, List<Token> tokens) {}

  private static final Pattern TOKEN =
      Pattern.compile(
          "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[()]|\\|[^|]*\\||[^\\s()\"'|=]+=?");
  private static final Pattern LITERAL =
      Pattern.compile("-?\\d+(?:\\.\\d+)?|true|false|null|undefined");

  private TagScanner() {}

  static List<Tag> scan(String source) {
    List<Tag> tags = new ArrayList<>();
    int i = 0;
    while (true) {
      int open = source.indexOf("{{", i);
      if (open < 0) {
        return tags;
      }
      if (open > 0 && source.charAt(open - 1) == '\\') { // \{{ is literal text
        i = open + 2;
        continue;
      }
      int afterTilde = source.startsWith("~", open + 2) ? open + 3 : open + 2;
      if (source.startsWith("!", afterTilde)) {
        int end = source.indexOf(source.startsWith("!--", afterTilde) ? "--}}" : "}}", afterTilde);
        i = end < 0 ? source.length() : end + 2;
        continue;
      }
      int braces = source.startsWith("{{{{", open) ? 4 : source.startsWith("{{{", open) ? 3 : 2;
      int close = findClose(source, open + braces, "}".repeat(braces));
      if (close < 0) {
        return tags;
      }
      tags.add(tag(source, open, braces, close));
      i = close + braces;
    }
  }

  private static int findClose(String source, int from, String closer) {
    char quote = 0;
    for (int i = from; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (source.startsWith(closer, i)) {
        return i;
      }
    }
    return -1;
  }

  private static Tag tag(String source, int open, int braces, int close) {
    int start = open + braces;
    int stop = close;
    if (start < stop && source.charAt(start) == '~') {
      start++;
    }
    if (stop > start && source.charAt(stop - 1) == '~') {
      stop--;
    }
    String sigil = braces == 4 ? "{{{{" : braces == 3 ? "{" : sigil(source.substring(start, stop));
    List<Token> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(source).region(start + (braces == 2 ? sigil.length() : 0), stop);
    while (m.find()) {
      tokens.add(token(m.group(), m.start()));
    }
    return new Tag(open, close + braces, sigil, List.copyOf(tokens));
  }

  private static String sigil(String content) {
    if (content.startsWith("#>") || content.startsWith("#*")) {
      return content.substring(0, 2);
    }
    return !content.isEmpty() && "#^/&>*".indexOf(content.charAt(0)) >= 0
        ? content.substring(0, 1)
        : "";
  }

  private static Token token(String text, int offset) {
    char first = text.charAt(0);
    if (first == '"' || first == '\'') {
      return new Token(text, offset, Kind.STRING);
    } else if (text.equals("(")) {
      return new Token(text, offset, Kind.OPEN);
    } else if (text.equals(")")) {
      return new Token(text, offset, Kind.CLOSE);
    } else if (first == '|') {
      return new Token(text, offset, Kind.BLOCK_PARAMS);
    } else if (text.endsWith("=")) {
      return new Token(text.substring(0, text.length() - 1), offset, Kind.HASH_KEY);
    }
    return new Token(text, offset, LITERAL.matcher(text).matches() ? Kind.LITERAL : Kind.PATH);
  }
}
