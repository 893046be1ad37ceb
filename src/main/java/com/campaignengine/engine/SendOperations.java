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
 * What the email step may do to durable state while it runs a batch, and nothing more: reserve,
 * hand over and release sends, read threads and first emails, and mark its mailbox disconnected,
 * deferred or unreadable here. Claiming, completing and leasing are not here: the step returns its
 * completions, and the dispatcher applies them ({@link ExecutionStore#complete}); wait and
 * condition steps get {@link com.campaignengine.store.StepReads} only. Each method is one
 * transaction of {@link ExecutionStore}, whose documentation is the contract ({@link
 * StoreSendOperations}).
 */
interface SendOperations {

  /** Reserves each draft's send; see {@link ExecutionStore#prepareSends}. */
  List<SendSlot> prepareSends(List<SendDraft> drafts, Instant now);

  /** Hands reserved sends over, recording earlier answers; see {@link ExecutionStore#handOver}. */
  Map<Long, Long> handOver(List<HandOver> sends, List<SendUpdate> answered, Instant now);

  /** Gives back reservations not used; see {@link ExecutionStore#release(List, Instant)}. */
  void release(List<SendRelease> releases, Instant reservedAt);

  /** The sent emails of each enrollment; see {@link ExecutionStore#threads}. */
  Map<Long, EmailThread> threads(Collection<Long> enrollmentIds);

  /** When each enrollment's first email went out; see {@link ExecutionStore#firstEmails}. */
  Map<Long, Instant> firstEmails(Collection<Long> enrollmentIds);

  /** Credentials refused; see {@link ExecutionStore#disconnectMailbox}. */
  void disconnectMailbox(long mailboxId, String reason, Instant now);

  /** A provider limit; see {@link ExecutionStore#deferMailbox}. */
  void deferMailbox(long mailboxId, String reason, Instant until, Instant now);

  /** This node cannot unseal the credentials; see {@link ExecutionStore#secretUnavailable}. */
  void secretUnavailable(long mailboxId, String nodeId, String reason, Instant now);
}
