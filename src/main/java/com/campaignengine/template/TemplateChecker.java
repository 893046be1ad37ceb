package com.campaignengine.template;

import com.campaignengine.template.CallChecker.Mode;
import com.campaignengine.template.TagScanner.Kind;
import com.campaignengine.template.TagScanner.Tag;
import com.campaignengine.template.TagScanner.Token;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles a source and accepts it only if it uses nothing but the known variables and helpers.
 * Thread-safe: holds only the (thread-safe, fully configured) {@link Handlebars}.
 */
final class TemplateChecker {

  private final Handlebars handlebars;

  TemplateChecker(Handlebars handlebars) {
    this.handlebars = handlebars;
  }

  /** The compiled template, or the first problem in source order. */
  Template compile(String source) throws TemplateException {
    Template template;
    try {
      template = handlebars.compileInline(source);
    } catch (HandlebarsException e) {
      if (!SyntaxErrors.isParseError(e)) {
        // Parsed fine but Handlebars rejected a call (e.g. "could not find helper"): our own
        // checks name the problem better.
        checkTags(TagScanner.scan(source), source);
      }
      throw SyntaxErrors.of(e, source);
    } catch (IOException e) {
      throw new UncheckedIOException("inline templates do no I/O", e);
    }
    List<Tag> tags = TagScanner.scan(source);
    checkTags(tags, source);
    crossCheck(template, tags, source);
    return template;
  }

  private void checkTags(List<Tag> tags, String source) throws TemplateException {
    CallChecker calls = new CallChecker(handlebars, source);
    for (Tag tag : tags) {
      checkTag(tag, calls, source);
    }
  }

  private static void checkTag(Tag tag, CallChecker calls, String source) throws TemplateException {
    List<Token> tokens = tag.tokens();
    switch (tag.sigil()) {
      case "/" -> {} // Handlebars already matched it with its opening tag
      case "{{{{" ->
          throw TextPositions.error(source, tag.offset(), "raw blocks are not supported");
      case ">", "#>" ->
          throw TextPositions.error(source, tag.offset(), "partials are not supported");
      case "*", "#*" ->
          throw TextPositions.error(source, tag.offset(), "decorators are not supported");
      case "{", "&" -> // raw output would let imported data inject markup into HTML mails
          throw TextPositions.error(
              source,
              tag.offset(),
              "unescaped output is not allowed; use {{name}} instead of {{{name}}} or {{&name}}");
      case "#", "^" -> {
        if (!tokens.isEmpty()) { // {{^}} alone is an else
          calls.check(tokens, 0, Mode.BLOCK);
        }
      }
      default -> {
        boolean isElse =
            !tokens.isEmpty()
                && tokens.get(0).kind() == Kind.PATH
                && tokens.get(0).text().equals("else");
        if (isElse && tokens.size() > 1) {
          calls.check(tokens, 1, Mode.BLOCK); // {{else if x}}
        } else if (!isElse && !tokens.isEmpty()) {
          calls.check(tokens, 0, Mode.INLINE);
        }
      }
    }
  }

  // Safety net in case the lenient scanner missed a name that Handlebars would resolve.
  private static void crossCheck(Template template, List<Tag> tags, String source)
      throws TemplateException {
    Set<String> names = new LinkedHashSet<>(template.collect(TagType.values()));
    names.addAll(template.collectReferenceParameters());
    for (String name : names) {
      if (!KnownNames.isKnown(name)) {
        int offset =
            tags.stream()
                .flatMap(t -> t.tokens().stream())
                .filter(t -> t.text().equals(name))
                .mapToInt(Token::offset)
                .findFirst()
                .orElse(0);
        throw TextPositions.error(source, offset, "unknown variable '" + name + "'");
      }
    }
  }
}
