package com.campaignengine.template;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.context.MapValueResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Checks and renders the Handlebars subject and body templates of campaign steps.
 *
 * <p>Templates may use the variables {@code first_name last_name title email_address company.name
 * company.domain custom.<key> sender.name sender.email campaign.name unsubscribe_url}, the blocks
 * {@code {{#if x}}} / {@code {{#unless x}}} with {@code {{else}}}, and {@code {{default x
 * "fallback"}}}. Missing values render as the empty string.
 *
 * <p>Thread-safe: one instance is meant to be shared. Compiled templates are cached by source (one
 * cache per escaping mode), so rendering the same step repeatedly parses it once.
 */
public final class TemplateEngine {

  private final CompiledTemplates text = new CompiledTemplates(EscapingStrategy.NOOP);
  private final CompiledTemplates html = new CompiledTemplates(EscapingStrategy.HBS4);

  public TemplateEngine() {}

  /**
   * Parses and checks a template, e.g. when a campaign is saved.
   *
   * @throws TemplateException for the first syntax error or unknown variable/helper, with its
   *     1-based line and column and a message such as {@code unknown variable 'frist_name'}
   */
  public void check(String source) throws TemplateException {
    text.get(Objects.requireNonNull(source, "source"));
  }

  /**
   * Renders for a text/plain body or a subject: values are inserted verbatim.
   *
   * @throws IllegalArgumentException if the template does not pass {@link #check}; the cause is the
   *     {@link TemplateException}
   */
  /**
   * The variables a template prints bare ({@code {{title}}}): those render empty when the person
   * lacks them. Variables under {@code default} or tested by {@code #if} are not listed.
   */
  public java.util.Set<String> bareVariables(String source) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (TagScanner.Tag tag : TagScanner.scan(source)) {
      if (tag.sigil().isEmpty()
          && tag.tokens().size() == 1
          && KnownNames.isVariable(tag.tokens().get(0).text())) {
        names.add(tag.tokens().get(0).text());
      }
    }
    return names;
  }

  public String renderText(String source, TemplateVariables vars) {
    return render(text, source, vars);
  }

  /**
   * Renders for a text/html body: values are HTML-escaped ({@code & < > " ' ` =}); the template's
   * own markup is kept.
   *
   * @throws IllegalArgumentException if the template does not pass {@link #check}
   */
  public String renderHtml(String source, TemplateVariables vars) {
    return render(html, source, vars);
  }

  private static String render(CompiledTemplates mode, String source, TemplateVariables vars) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(vars, "vars");
    // Only maps are resolved: templates must not reach Java methods or bean getters.
    Context context = Context.newBuilder(vars.values()).resolver(MapValueResolver.INSTANCE).build();
    try {
      return mode.get(source).apply(context);
    } catch (TemplateException e) {
      throw new IllegalArgumentException("invalid template: " + e.getMessage(), e);
    } catch (HandlebarsException e) {
      throw new IllegalArgumentException("template failed to render: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("rendering to a string does no I/O", e);
    } finally {
      context.destroy();
    }
  }
}
