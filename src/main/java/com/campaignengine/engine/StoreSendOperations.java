package com.campaignengine.engine;

import com.campaignengine.store.EmailThread;
import com.campaignengine.store.ExecutionStore;
import com.campaignengine.store.HandOver;
import com.campaignengine.store.SendDraft;
import com.campaignengine.store.SendRelease;
import com.campaignengine.store.SendSlot;
import com.campaignengine.store.SendUpdate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@link SendOperations} on the engine's {@link ExecutionStore}, one call each. An adapter, not
 * {@code ExecutionStore extends SendOperations}: the store is a port below the engine and may not
 * name an engine type (ArchitectureTest), and delegating to the very store the engine was given
 * keeps any wrapper around it (a test's fault injection) on the send path.
 */
final class StoreSendOperations implements SendOperations {
  private final ExecutionStore store;

  StoreSendOperations(ExecutionStore store) {
    this.store = store;
  }

  @Override
  public List<SendSlot> prepareSends(List<SendDraft> drafts, Instant now) {
    return store.prepareSends(drafts, now);
  }

  @Override
  public Map<Long, Long> handOver(List<HandOver> sends, List<SendUpdate> answered, Instant now) {
    return store.handOver(sends, answered, now);
  }

  @Override
  public void release(List<SendRelease> releases, Instant reservedAt) {
    store.release(releases, reservedAt);
  }

  @Override
  public Map<Long, EmailThread> threads(Collection<Long> enrollmentIds) {
    return store.threads(enrollmentIds);
  }

  @Override
  public Map<Long, Instant> firstEmails(Collection<Long> enrollmentIds) {
    return store.firstEmails(enrollmentIds);
  }

  @Override
  public void disconnectMailbox(long mailboxId, String reason, Instant now) {
    store.disconnectMailbox(mailboxId, reason, now);
  }

  @Override
  public void deferMailbox(long mailboxId, String reason, Instant until, Instant now) {
    store.deferMailbox(mailboxId, reason, until, now);
  }

  @Override
  public void secretUnavailable(long mailboxId, String nodeId, String reason, Instant now) {
    store.secretUnavailable(mailboxId, nodeId, reason, now);
  }
}
