/**
 * Inbound mail: replies, auto-replies and bounces from the senders' own mailboxes and from
 * webhooks. Holds the pipeline (poll without gaps, de-duplicate, parse, classify, record) and the
 * ports others use: {@link com.campaignengine.inbound.InboundSource} (read a mailbox from a
 * checkpoint, or look up mail from some {@code Senders}), with what a poll returns ({@code Poll},
 * {@code RawInbound}) and how it fails ({@code InboundException} and its kind), and {@link
 * com.campaignengine.inbound.InboundIntake} (feed raw mail through the pipeline, once per mailbox).
 */
package com.campaignengine.inbound;
