package com.campaignengine.store;

/**
 * A reserved send about to be handed to its provider: its draft (written as the send's row, {@code
 * sending}, if it has none yet) and the id of the row an earlier attempt left, or null.
 */
public record HandOver(SendDraft draft, Long sendId) {}
