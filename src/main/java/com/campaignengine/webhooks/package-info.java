/**
 * Outbound webhooks: subscriptions of a workspace's URLs to events, deliveries captured in the
 * transaction of each event (database triggers), and the dispatcher that POSTs them signed the
 * Standard Webhooks way, retrying with backoff, at least once. Managing subscriptions is an
 * application service ({@code app.WebhookService}).
 */
package com.campaignengine.webhooks;
