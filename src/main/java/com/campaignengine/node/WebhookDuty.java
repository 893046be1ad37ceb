package com.campaignengine.node;

import com.campaignengine.secrets.SecretBox;
import com.campaignengine.webhooks.Destinations;
import com.campaignengine.webhooks.WebhookDispatcher;
import com.campaignengine.webhooks.WebhookListener;
import com.campaignengine.webhooks.WebhookSettings;
import com.campaignengine.webhooks.WebhookStore;
import java.time.Clock;

/**
 * Sends the due outbound webhook deliveries. The dispatcher runs its own loop (claims, concurrent
 * sends, retries), so this duty only starts and stops one.
 */
public final class WebhookDuty implements Duty {
  private final WebhookStore store;
  private final SecretBox secrets;
  private final Clock clock;
  private final Destinations destinations;
  private final String nodeId;
  private final WebhookListener metrics;
  private WebhookDispatcher dispatcher;
  private boolean closed;

  WebhookDuty(
      WebhookStore store,
      SecretBox secrets,
      Clock clock,
      Destinations destinations,
      String nodeId,
      WebhookListener metrics) {
    this.store = store;
    this.secrets = secrets;
    this.clock = clock;
    this.destinations = destinations;
    this.nodeId = nodeId;
    this.metrics = metrics;
  }

  /**
   * A dispatcher on this node's database, secrets and clock, which the caller runs and closes
   * (tests run theirs by hand, under another node name).
   */
  public WebhookDispatcher newDispatcher(
      WebhookSettings settings, String node, WebhookListener listener) {
    return new WebhookDispatcher(store, secrets, settings, clock, node, listener, destinations);
  }

  /** Sends due deliveries in the background until closed; once. */
  public synchronized void start(WebhookSettings settings) {
    if (dispatcher != null || closed) {
      return;
    }
    dispatcher = newDispatcher(settings, nodeId, metrics);
    dispatcher.start();
  }

  @Override
  public void close() {
    WebhookDispatcher stopping;
    synchronized (this) {
      closed = true;
      stopping = dispatcher;
    }
    if (stopping != null) {
      stopping.close();
    }
  }
}
