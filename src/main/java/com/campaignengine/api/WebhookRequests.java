package com.campaignengine.api;

import com.campaignengine.app.SubscriptionChange;
import java.util.List;

/**
 * {@code /api/v1/webhooks} bodies: types are checked here (400), rules in the service (422).
 * Unknown fields are refused (by {@link JsonInput}), so a typo never silently leaves a setting
 * unchanged.
 */
final class WebhookRequests {
  private WebhookRequests() {}

  /** A new subscription: {@code url}, {@code events}, optional {@code description}. */
  record Create(String url, List<String> events, String description) {}

  static Create create(JsonInput body) {
    return new Create(body.optionalText("url"), events(body), body.optionalText("description"));
  }

  static SubscriptionChange change(JsonInput body) {
    return new SubscriptionChange(
        body.optionalText("url"),
        body.value("events") == null ? null : events(body),
        body.has("description") && body.value("description") == null
            ? ""
            : body.optionalText("description"),
        body.value("active") == null ? null : body.optionalBool("active", true));
  }

  private static List<String> events(JsonInput body) {
    return body.array("events").stream().map(JsonInput.Element::text).toList();
  }
}
