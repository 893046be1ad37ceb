package com.campaignengine.store;

import java.util.List;

/**
 * A send about to be reserved, then written as {@code sending} when it is handed to the provider.
 * {@code inReplyTo} is the Message-ID it follows up in the same thread, or null; {@code variantKey}
 * the A/B variant sent, or null.
 */
public record SendDraft(
    ClaimedExecution execution,
    long mailboxId,
    String messageId,
    String toAddress,
    String subject,
    String inReplyTo,
    List<String> links,
    String bodyText,
    boolean personalized,
    String personalizationFallback,
    String variantKey) {}
