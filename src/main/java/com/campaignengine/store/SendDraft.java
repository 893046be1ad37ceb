package com.campaignengine.store;

/** A send about to be recorded as {@code sending}, before the provider is called. */
public record SendDraft(
    ClaimedExecution execution,
    long mailboxId,
    String messageId,
    String toAddress,
    String subject) {}
