package com.campaignengine.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Port: the mailboxes that hold their follow-ups because they cannot be asked whether the person
 * replied (unreachable, credentials refused, rate-limited). Read back in the mailbox's health and
 * by the alert on follow-ups waiting too long.
 */
public interface ReplyCheckHolds {

  /**
   * A hold whose last failed check is older than this is over: the node that set it stopped, or the
   * follow-ups went out through another node. A new failure then starts a new wait, and the alert
   * no longer counts it. Checks fail again every minute while a mailbox holds.
   */
  Duration STALE_AFTER = Duration.ofMinutes(5);

  /**
   * Marks the mailbox as holding since {@code now}, unless it already is (then only the error and
   * its time change). A mark older than {@link #STALE_AFTER} starts again from {@code now}.
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
