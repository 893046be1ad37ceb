package com.campaignengine.store;

import com.campaignengine.campaign.Mailbox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where each mailbox's inbound source has read up to. A node leases a mailbox's checkpoint before
 * polling it, so one node reads one inbox at a time; a dead node's lease simply expires.
 */
public interface CheckpointStore {

  /**
   * A lease on one mailbox's inbound source, with where to continue.
   *
   * @param checkpoint the source's own position (null: never read)
   * @param readThrough every message received before this instant has been read; before the first
   *     complete read, the mailbox's creation or its first send, whichever is earlier. Never null.
   */
  record Lease(long mailboxId, String source, String checkpoint, Instant readThrough) {}

  /** Mailboxes with an inbound source: IMAP settings, or the Gmail provider. */
  List<Mailbox> inboundMailboxes();

  /** Leases the source of the mailbox until {@code until}, unless another node holds it. */
  Optional<Lease> lease(long mailboxId, String source, String node, Instant now, Instant until);

  /**
   * After a successful read: saves the checkpoint and read-through time, notes {@code now} as the
   * last successful read, and releases the lease.
   */
  void saveRead(Lease lease, String checkpoint, Instant readThrough, Instant now);

  /**
   * After a failed read: notes the error and its time (the checkpoint stays) and releases the
   * lease. The error stays visible after later successes, with its time.
   */
  void saveFailure(Lease lease, String error, Instant now);
}
