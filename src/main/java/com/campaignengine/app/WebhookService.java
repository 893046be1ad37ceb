package com.campaignengine.app;

import com.campaignengine.failure.ConflictException;
import com.campaignengine.failure.NotFoundException;
import com.campaignengine.failure.ValidationException;
import com.campaignengine.readmodel.Page;
import com.campaignengine.secrets.SecretBox;
import com.campaignengine.webhooks.DeliveryStatus;
import com.campaignengine.webhooks.Destinations;
import com.campaignengine.webhooks.SigningSecrets;
import com.campaignengine.webhooks.WebhookDelivery;
import com.campaignengine.webhooks.WebhookEvent;
import com.campaignengine.webhooks.WebhookStore;
import com.campaignengine.webhooks.WebhookSubscription;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Subscriptions and deliveries as the API offers them ({@code /api/v1/webhooks}). Input is checked
 * here; a refusal names the field and changes nothing. The signing secret is generated here, sealed
 * for storage, and returned by {@link #create} only.
 */
public final class WebhookService {
  static final int MAX_DESCRIPTION = 500;

  private final WebhookStore store;
  private final SecretBox secrets;
  private final Clock clock;

  private final Destinations destinations;

  public WebhookService(
      WebhookStore store, SecretBox secrets, Clock clock, Destinations destinations) {
    this.store = store;
    this.secrets = secrets;
    this.clock = clock;
    this.destinations = destinations;
  }

  /** The URL, checked as a URL and as a destination. */
  private String checkedUrl(String url) {
    String checked = WebhookUrls.check("url", url);
    destinations
        .refusal(checked)
        .ifPresent(
            why -> {
              throw new ValidationException("url", "url: " + why);
            });
    return checked;
  }

  public CreatedSubscription create(
      long workspaceId, String url, List<String> events, String description) {
    String checkedUrl = checkedUrl(url);
    List<WebhookEvent> checkedEvents = events("events", events);
    String checkedDescription = description(description);
    String secret = SigningSecrets.generate();
    WebhookSubscription created =
        store.create(
            workspaceId,
            checkedUrl,
            checkedDescription,
            checkedEvents,
            secrets.seal(secret),
            clock.instant());
    return new CreatedSubscription(created, secret);
  }

  public List<WebhookSubscription> list(long workspaceId) {
    return store.list(workspaceId);
  }

  public WebhookSubscription get(long workspaceId, long subscriptionId) {
    return store
        .find(workspaceId, subscriptionId)
        .orElseThrow(() -> new NotFoundException("no webhook " + subscriptionId));
  }

  public WebhookSubscription update(
      long workspaceId, long subscriptionId, SubscriptionChange change) {
    String url = change.url() == null ? null : checkedUrl(change.url());
    List<WebhookEvent> events = change.events() == null ? null : events("events", change.events());
    String description =
        change.description() == null
            ? null
            : change.description().isBlank() ? "" : description(change.description());
    return store
        .update(
            workspaceId, subscriptionId, url, events, description, change.active(), clock.instant())
        .orElseThrow(() -> new NotFoundException("no webhook " + subscriptionId));
  }

  public void delete(long workspaceId, long subscriptionId) {
    if (!store.delete(workspaceId, subscriptionId)) {
      throw new NotFoundException("no webhook " + subscriptionId);
    }
  }

  /** Newest first; {@code beforeId} is the previous page's {@code next_cursor}, 0 at the start. */
  public Page<WebhookDelivery> deliveries(
      long workspaceId, long subscriptionId, DeliveryStatus status, long beforeId, int limit) {
    get(workspaceId, subscriptionId);
    return store.deliveries(workspaceId, subscriptionId, status, beforeId, limit);
  }

  /** Re-queues a failed delivery now, with a fresh series of attempts. */
  public WebhookDelivery retry(long workspaceId, long subscriptionId, long deliveryId) {
    WebhookSubscription subscription = get(workspaceId, subscriptionId);
    WebhookDelivery delivery =
        store
            .delivery(workspaceId, subscriptionId, deliveryId)
            .orElseThrow(() -> new NotFoundException("no delivery " + deliveryId));
    if (delivery.status() != DeliveryStatus.FAILED) {
      throw new ConflictException(
          "status",
          "only a failed delivery can be retried; this one is " + delivery.status().wireName(),
          null);
    }
    if (!subscription.active()) {
      throw new ConflictException(
          "active", "the webhook is switched off; switch it on (active: true) first", null);
    }
    if (!store.retry(workspaceId, subscriptionId, deliveryId, clock.instant())) {
      throw new ConflictException("status", "the delivery is no longer failed", null);
    }
    return store.delivery(workspaceId, subscriptionId, deliveryId).orElseThrow();
  }

  /** Known event names, at least one, duplicates dropped; a refusal names the element. */
  private static List<WebhookEvent> events(String field, List<String> names) {
    if (names.isEmpty()) {
      throw new ValidationException(
          field, field + " must name at least one event (" + known() + ")");
    }
    Set<WebhookEvent> events = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String path = field + "[" + i + "]";
      events.add(
          WebhookEvent.fromWire(name == null ? "" : name.strip())
              .orElseThrow(
                  () ->
                      new ValidationException(
                          path, "unknown event '" + name + "' (known: " + known() + ")")));
    }
    return new ArrayList<>(events);
  }

  private static String description(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_DESCRIPTION) {
      throw new ValidationException(
          "description", "description must be at most " + MAX_DESCRIPTION + " characters");
    }
    return text.strip();
  }

  private static String known() {
    List<String> names = new ArrayList<>();
    for (WebhookEvent event : WebhookEvent.values()) {
      names.add(event.wireName());
    }
    return String.join(", ", names);
  }
}
