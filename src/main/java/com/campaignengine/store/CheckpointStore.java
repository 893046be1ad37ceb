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
   * A lease on one mailbox's inbound source, with the checkpoint to continue from (null: start).
   */
  record Lease(long mailboxId, String source, String checkpoint) {}

  /** Mailboxes with an inbound source: IMAP settings, or the Gmail provider. */
  List<Mailbox> inboundMailboxes();

  /** Leases the source of the mailbox until {@code until}, unless another node holds it. */
  Optional<Lease> lease(long mailboxId, String source, String node, Instant now, Instant until);

  /** Saves progress (and the last error, if any) and releases the lease. */
  void release(Lease lease, String checkpoint, String error, Instant now);
}
