package com.campaignengine.app;

import com.campaignengine.failure.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** What a receiver URL must be: absolute http(s) with a host, no credentials, no fragment. */
final class WebhookUrls {
  static final int MAX_LENGTH = 2048;

  private WebhookUrls() {}

  /** The URL as given (stripped), or a 422 naming {@code field}. */
  static String check(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
    String url = text.strip();
    if (url.length() > MAX_LENGTH) {
      throw new ValidationException(
          field, field + " must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ValidationException(field, field + " is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new ValidationException(field, field + " must be an absolute http:// or https:// URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new ValidationException(field, field + " must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ValidationException(
          field, field + " must not contain credentials; receivers verify the signature instead");
    }
    if (uri.getRawFragment() != null) {
      throw new ValidationException(field, field + " must not have a #fragment");
    }
    return url;
  }
}
