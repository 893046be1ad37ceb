package com.campaignengine.node;

import com.campaignengine.inbound.IdleWatchers;
import com.campaignengine.inbound.InboundPoller;
import java.time.Duration;

/**
 * Reads the mailboxes' inbound mail (replies, auto-replies, bounces) into the pipeline: at once
 * when started, then every interval each inbox once, and in between whatever an IMAP IDLE watcher
 * hears of and the inbox of a mailbox just created or reconnected. Closing does not wait for a read
 * under way: a slow IMAP server must not hold up a shutdown.
 */
public final class InboundDuty extends RepeatingDuty {
  private final InboundPoller poller;
  private final IdleWatchers idleWatchers;

  InboundDuty(InboundPoller poller, IdleWatchers idleWatchers) {
    super("inbound", "Inbound turn failed", Duration.ZERO);
    this.poller = poller;
    this.idleWatchers = idleWatchers;
  }

  /** Reads every inbox now, then every {@code interval}, until closed. */
  public void start(Duration interval) {
    schedule(Duration.ZERO, interval);
  }

  /**
   * Reads one mailbox's inbox at once, on the duty's thread (a mailbox just created or given new
   * credentials must not wait for the next pass); nothing if the duty is not running.
   */
  public void readSoon(long mailboxId) {
    runSoon(() -> poller.poll(mailboxId));
  }

  /** The reader of every inbox; {@link InboundPoller#pollOnce} reads each once, by hand. */
  public InboundPoller poller() {
    return poller;
  }

  /** Watches the inboxes that came or went since the last pass, then reads every inbox. */
  @Override
  void runOnce() {
    idleWatchers.refresh();
    poller.pollOnce();
  }

  @Override
  public void close() {
    super.close();
    idleWatchers.close();
  }
}
