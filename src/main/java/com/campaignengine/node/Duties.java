package com.campaignengine.node;

import java.util.List;

/**
 * The background duties of a node. Each is started on its own (a test starts only the one it
 * checks); closing stops them all, in a fixed order.
 */
public final class Duties implements AutoCloseable {
  private final InboundDuty inbound;
  private final AlertDuty alerts;
  private final VariantWinnerDuty variantWinners;
  private final RetentionDuty retention;
  private final WebhookDuty webhooks;

  Duties(
      InboundDuty inbound,
      AlertDuty alerts,
      VariantWinnerDuty variantWinners,
      RetentionDuty retention,
      WebhookDuty webhooks) {
    this.inbound = inbound;
    this.alerts = alerts;
    this.variantWinners = variantWinners;
    this.retention = retention;
    this.webhooks = webhooks;
  }

  /** Starts every duty as {@code settings} say. */
  public void startAll(DutySettings settings) {
    inbound.start(settings.inboundEvery());
    alerts.start(settings.alertsEvery());
    variantWinners.start(settings.winnersEvery());
    retention.start(settings.retentionKeep(), settings.retentionEvery());
    webhooks.start(settings.webhooks());
  }

  public InboundDuty inbound() {
    return inbound;
  }

  public AlertDuty alerts() {
    return alerts;
  }

  public VariantWinnerDuty variantWinners() {
    return variantWinners;
  }

  public RetentionDuty retention() {
    return retention;
  }

  public WebhookDuty webhooks() {
    return webhooks;
  }

  /** Stops every duty; each may finish the pass under way. */
  @Override
  public void close() {
    for (Duty duty : List.of(inbound, alerts, variantWinners, retention, webhooks)) {
      duty.close();
    }
  }
}
