package com.campaignengine.template;

import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;

/**
 * {@code {{default first_name "there"}}}: the value, or the fallback when the value is missing or
 * blank. Stateless, hence thread-safe. Output is escaped like any other value in HTML mode.
 */
final class DefaultHelper implements Helper<Object> {

  static final String NAME = "default";

  @Override
  public Object apply(Object value, Options options) {
    // The checker guarantees one fallback; this guards templates rendered through other paths.
    if (options.params.length != 1) {
      throw new IllegalArgumentException("'default' needs a value and a fallback");
    }
    if (value != null && !value.toString().isBlank()) {
      return value;
    }
    Object fallback = options.params[0];
    return fallback == null ? "" : fallback;
  }
}
