package com.campaignengine.template;

import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One escaping mode: a configured {@link Handlebars} plus a cache of checked templates by source.
 * Thread-safe: Handlebars is immutable after configuration, compiled templates are stateless and
 * the cache is a {@link ConcurrentHashMap}.
 */
final class CompiledTemplates {

  /**
   * Templates are per campaign step, so the cache normally stays small; the cap only protects
   * against a caller feeding ever-new sources. Clearing is crude but cheap and never wrong.
   */
  private static final int MAX_CACHED = 10_000;

  private final TemplateChecker checker;
  private final Map<String, Template> cache = new ConcurrentHashMap<>();

  CompiledTemplates(EscapingStrategy escaping) {
    Handlebars handlebars = new Handlebars().with(escaping);
    handlebars.registerHelper(DefaultHelper.NAME, new DefaultHelper());
    this.checker = new TemplateChecker(handlebars);
  }

  /** The checked, compiled template; compiled at most once per source in the common case. */
  Template get(String source) throws TemplateException {
    Template template = cache.get(source);
    if (template != null) {
      return template;
    }
    // Compiled outside the map's locks: a rare duplicate compilation is cheaper than blocking.
    template = checker.compile(source);
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    Template raced = cache.putIfAbsent(source, template);
    return raced != null ? raced : template;
  }
}
