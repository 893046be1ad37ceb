package com.campaignengine.inbound;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.mailbox.ReplyDetection;
import com.campaignengine.store.CheckpointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every mailbox's inbound mail into the pipeline, without gaps. A node leases a mailbox's
 * checkpoint before reading, so one node reads one inbox at a time; the checkpoint advances only
 * past what was read. Where a checkpoint cannot be used (never read, UIDVALIDITY changed, Gmail
 * history expired) the source re-reads by date from the last complete read, less {@link
 * #REREAD_MARGIN}: a mailbox is first read from its creation (or first send), and an outage, the
 * engine's downtime or credentials fixed days later lose nothing. The intake de-duplicates what is
 * read twice. A message that cannot be processed is logged and skipped; a source that fails is
 * retried at the next turn, its error recorded for the mailbox's health.
 */
public final class InboundPoller {
  private static final Logger LOG = LoggerFactory.getLogger(InboundPoller.class);
  static final int MAX_PER_TURN = 200;
  private static final Duration LEASE = Duration.ofMinutes(2);

  /**
   * How far before the last complete read a re-read by date starts: clock skew between the engine
   * and the mail server, and mail that shows up in the inbox a while after its receipt time
   * (delivery queues, spam checks). Reading more than needed costs only de-duplicated messages.
   */
  public static final Duration REREAD_MARGIN = Duration.ofHours(1);

  private final CheckpointStore checkpoints;
  private final InboundSources sources;
  private final InboundIntake intake;
  private final Clock clock;
  private final String nodeId;

  public InboundPoller(
      CheckpointStore checkpoints,
      InboundSources sources,
      InboundIntake intake,
      Clock clock,
      String nodeId) {
    this.checkpoints = checkpoints;
    this.sources = sources;
    this.intake = intake;
    this.clock = clock;
    this.nodeId = nodeId;
  }

  /** Reads each inbox once; returns how many new messages were processed. */
  public int pollOnce() {
    int processed = 0;
    for (Mailbox mailbox : checkpoints.inboundMailboxes()) {
      processed += poll(mailbox);
    }
    return processed;
  }

  /**
   * Reads one mailbox's inbox now (just created, new credentials, IDLE heard of mail); 0 if it has
   * none or another node is reading it.
   */
  public int poll(long mailboxId) {
    for (Mailbox mailbox : checkpoints.inboundMailboxes()) {
      if (mailbox.id() == mailboxId) {
        return poll(mailbox);
      }
    }
    return 0;
  }

  private int poll(Mailbox mailbox) {
    ReplyDetection detection =
        ReplyDetection.of(mailbox.connection().provider(), mailbox.connection().settings());
    if (detection == ReplyDetection.NONE) {
      return 0;
    }
    Instant started = clock.instant();
    Optional<CheckpointStore.Lease> lease =
        checkpoints.lease(mailbox.id(), detection.wireName(), nodeId, started, started.plus(LEASE));
    if (lease.isEmpty()) {
      return 0; // another node is reading this inbox
    }
    try {
      return read(mailbox, lease.get(), started);
    } catch (RuntimeException e) {
      String error = String.valueOf(e.getMessage());
      LOG.warn(
          "Mailbox(id={}) {} inbound failed; will retry: {}",
          mailbox.id(),
          detection.wireName(),
          error);
      checkpoints.saveFailure(lease.get(), error, clock.instant());
      return 0;
    }
  }

  private int read(Mailbox mailbox, CheckpointStore.Lease lease, Instant started) {
    Optional<InboundSource> source = sources.sourceFor(mailbox);
    if (source.isEmpty()) {
      throw new InboundException("no inbound source for mailbox " + mailbox.id());
    }
    Instant since = lease.readThrough().minus(REREAD_MARGIN);
    Poll poll = source.get().poll(lease.checkpoint(), since, MAX_PER_TURN);
    int processed = 0;
    for (InboundIntake.Taken taken : intake.take(mailbox.id(), poll.messages())) {
      if (taken.fate() == InboundIntake.Fate.PROCESSED) {
        processed++;
      }
    }
    // Only a poll that read everything vouches for the time it began.
    Instant readThrough = poll.complete() ? started : lease.readThrough();
    checkpoints.saveRead(lease, poll.checkpoint(), readThrough, clock.instant());
    return processed;
  }
}
