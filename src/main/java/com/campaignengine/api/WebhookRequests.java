package com.campaignengine.api;

import com.campaignengine.app.SubscriptionChange;
import com.campaignengine.failure.ValidationException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/webhooks} bodies: types are checked here (400), rules in the service (422).
 * Unknown fields are refused, so a typo never silently leaves a setting unchanged.
 */
final class WebhookRequests {
  private static final Set<String> CREATE_FIELDS = Set.of("url", "events", "description");
  private static final Set<String> CHANGE_FIELDS = Set.of("url", "events", "description", "active");

  private WebhookRequests() {}

  /** A new subscription: {@code url}, {@code events}, optional {@code description}. */
  record Create(String url, List<String> events, String description) {}

  static Create create(JsonInput body) {
    onlyKnown(body, CREATE_FIELDS);
    return new Create(body.optionalText("url"), events(body), body.optionalText("description"));
  }

  static SubscriptionChange change(JsonInput body) {
    onlyKnown(body, CHANGE_FIELDS);
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

  private static void onlyKnown(JsonInput body, Set<String> known) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new ValidationException(
            name, "unknown field '" + name + "' (known: " + String.join(", ", known) + ")");
      }
    }
  }
}
