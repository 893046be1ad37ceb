package com.campaignengine.store;

import java.time.Instant;

/**
 * Port: the mailboxes that hold their follow-ups because they cannot be asked whether the person
 * replied (unreachable, credentials refused, rate-limited). Read back in the mailbox's health and
 * by the alert on follow-ups waiting too long.
 */
public interface ReplyCheckHolds {

  /**
   * Marks the mailbox as holding since {@code now}, unless it already is (then only the error and
   * its time change). A mark whose last error is older than a few minutes is stale (the node that
   * set it stopped trying) and starts again from {@code now}.
   */
  void holding(long workspaceId, long mailboxId, String error, Instant now);

  /** The mailbox answered a reply check: its follow-ups no longer wait for it. */
  void released(long mailboxId);

  ReplyCheckHolds NONE =
      new ReplyCheckHolds() {
        @Override
        public void holding(long workspaceId, long mailboxId, String error, Instant now) {}

        @Override
        public void released(long mailboxId) {}
      };
}
