/**
 * Inbound mail: replies, auto-replies and bounces from the senders' own mailboxes and from
 * webhooks.
 */
package com.campaignengine.inbound;
