/**
 * Inbound mail: replies, auto-replies and bounces from the senders' own mailboxes and from
 * webhooks. Holds the pipeline (poll, parse, classify, record) and the port its sources implement:
 * {@link com.campaignengine.inbound.InboundSource} with what a poll returns ({@code Poll}, {@code
 * RawInbound}) and how it fails ({@code InboundException}).
 */
package com.campaignengine.inbound;
