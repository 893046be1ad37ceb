package com.campaignengine.inbound;

import com.campaignengine.campaign.Mailbox;
import com.campaignengine.store.CheckpointStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per IMAP mailbox waits in IDLE and reads the inboxes the moment mail arrives, so a
 * reply stops a sequence within seconds instead of at the next poll. A source without IDLE ends its
 * watcher; the periodic poll covers it.
 */
public final class IdleWatchers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IdleWatchers.class);

  /** Servers drop IDLE after 30 minutes (RFC 2177); re-enter well before. */
  private static final Duration IDLE_SLICE = Duration.ofMinutes(25);

  private static final long NO_IDLE_MILLIS = 500;

  private final CheckpointStore checkpoints;
  private final InboundSources sources;
  private final InboundPoller poller;
  private final Map<String, Thread> watchers = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  public IdleWatchers(CheckpointStore checkpoints, InboundSources sources, InboundPoller poller) {
    this.checkpoints = checkpoints;
    this.sources = sources;
    this.poller = poller;
  }

  /** Starts a watcher for each inbound mailbox (and settings version) that has none yet. */
  public void refresh() {
    for (Mailbox mailbox : checkpoints.inboundMailboxes()) {
      String key = mailbox.id() + "@" + mailbox.connection().settingsVersion();
      if (!running || watchers.containsKey(key)) {
        continue;
      }
      Optional<InboundSource> source = sources.sourceFor(mailbox);
      if (source.isEmpty() || !source.get().name().equals("imap")) {
        continue;
      }
      long mailboxId = mailbox.id();
      Thread watcher =
          new Thread(
              () -> watch(key, mailboxId, source.get()), "campaign-engine-idle-" + mailboxId);
      watcher.setDaemon(true);
      watchers.put(key, watcher);
      watcher.start();
    }
  }

  private void watch(String key, long mailboxId, InboundSource source) {
    while (running) {
      long started = System.nanoTime();
      boolean newMail;
      try {
        newMail = source.awaitNewMail(IDLE_SLICE);
      } catch (RuntimeException e) {
        LOG.debug("IDLE on {} failed; polling covers it: {}", key, e.getMessage());
        return;
      }
      if (newMail && running) {
        poller.poll(mailboxId);
      } else if ((System.nanoTime() - started) / 1_000_000 < NO_IDLE_MILLIS) {
        return; // no IDLE here (or closed): the periodic poll reads this inbox
      }
    }
  }

  @Override
  public void close() {
    running = false;
    watchers.values().forEach(Thread::interrupt);
    watchers.clear();
  }
}
