package com.campaignengine.store;

/**
 * A send reserved for a batch and not handed to its provider after all (the node stopped, its
 * mailbox was blocked, the work was paused): {@code reservedNow} if its share of the mailbox's
 * limits was taken by this batch (to give back); {@code markedSendId} the row a group hand-over
 * marked {@code sending} for it (to mark {@code prepared} again, while the claim at {@code
 * executionVersion} still holds), or null.
 */
public record SendRelease(
    long mailboxId, boolean reservedNow, Long markedSendId, long executionVersion) {}
