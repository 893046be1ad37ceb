package com.campaignengine.inbound;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.inbound.classify.InboundMessage;
import com.campaignengine.inbound.classify.InboundParser;
import com.campaignengine.store.CheckpointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every mailbox's inbound mail into the pipeline. A node leases a mailbox's checkpoint before
 * reading, so one node reads one inbox at a time; the checkpoint advances only past what was read.
 * A message that cannot be processed is logged and skipped; a source that fails is retried at the
 * next turn.
 */
public final class InboundPoller {
  private static final Logger LOG = LoggerFactory.getLogger(InboundPoller.class);
  static final int MAX_PER_TURN = 200;
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final CheckpointStore checkpoints;
  private final InboundSources sources;
  private final InboundProcessor processor;
  private final Clock clock;
  private final String nodeId;

  public InboundPoller(
      CheckpointStore checkpoints,
      InboundSources sources,
      InboundProcessor processor,
      Clock clock,
      String nodeId) {
    this.checkpoints = checkpoints;
    this.sources = sources;
    this.processor = processor;
    this.clock = clock;
    this.nodeId = nodeId;
  }

  /** Reads each inbox once; returns how many messages were processed. */
  public int pollOnce() {
    int processed = 0;
    for (Mailbox mailbox : checkpoints.inboundMailboxes()) {
      Optional<InboundSource> source = sources.sourceFor(mailbox);
      if (source.isPresent()) {
        processed += poll(mailbox, source.get());
      }
    }
    return processed;
  }

  private int poll(Mailbox mailbox, InboundSource source) {
    Instant now = clock.instant();
    Optional<CheckpointStore.Lease> lease =
        checkpoints.lease(mailbox.id(), source.name(), nodeId, now, now.plus(LEASE));
    if (lease.isEmpty()) {
      return 0; // another node is reading this inbox
    }
    String checkpoint = lease.get().checkpoint();
    String error = null;
    int processed = 0;
    try {
      InboundSource.Batch batch = source.poll(checkpoint, MAX_PER_TURN);
      for (InboundSource.Raw raw : batch.messages()) {
        processed += process(mailbox, raw);
      }
      checkpoint = batch.checkpoint();
    } catch (RuntimeException e) {
      error = String.valueOf(e.getMessage());
      LOG.warn(
          "Mailbox(id={}) {} inbound failed; will retry: {}", mailbox.id(), source.name(), error);
    } finally {
      checkpoints.release(lease.get(), checkpoint, error, clock.instant());
    }
    return processed;
  }

  private int process(Mailbox mailbox, InboundSource.Raw raw) {
    try {
      InboundMessage message = InboundParser.parse(raw.sourceId(), raw.raw(), raw.receivedAt());
      InboundProcessor.Outcome outcome = processor.process(mailbox.id(), message);
      LOG.debug("Mailbox(id={}) inbound {} -> {}", mailbox.id(), raw.sourceId(), outcome);
      return 1;
    } catch (RuntimeException e) {
      LOG.warn("Mailbox(id={}) skipped inbound {}: {}", mailbox.id(), raw.sourceId(), e.toString());
      return 0;
    }
  }
}
