package com.campaignengine.app;

import com.campaignengine.webhooks.WebhookSubscription;

/** A new subscription and its signing secret ({@code whsec_…}), shown this once only. */
public record CreatedSubscription(WebhookSubscription subscription, String secret) {

  @Override
  public String toString() {
    return "CreatedSubscription[subscription=" + subscription + ", secret=***]";
  }
}
