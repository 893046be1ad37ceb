package com.campaignengine.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's view of durable work. Every method is one transaction; implementations are
 * thread-safe. Writes to a claimed execution are fenced by its version: a lost race changes nothing
 * and is reported, never thrown.
 */
public interface ExecutionStore {

  /**
   * Takes up to {@code limit} due executions (oldest first), skipping rows others hold: those
   * {@code inline} runs are run and moved on in this transaction; the rest are leased to the node.
   * A NOTIFY wakes other workers if the inline runs scheduled work due before {@code wakeBefore}
   * (null: never).
   */
  Claim claim(
      String nodeId,
      Instant now,
      Instant leaseUntil,
      int limit,
      InlineSteps inline,
      Instant wakeBefore);

  /** Leases up to {@code limit} due executions of any step (oldest first). */
  default List<ClaimedExecution> claim(String nodeId, Instant now, Instant leaseUntil, int limit) {
    return claim(nodeId, now, leaseUntil, limit, InlineSteps.NONE, null).leased();
  }

  /** Enrollment status, person and mailbox for each enrollment id. */
  Map<Long, RunContext> loadContexts(Collection<Long> enrollmentIds);

  /**
   * Reserves each draft's send (its share of the mailbox's limits; its Message-ID is derived from
   * the execution) unless its enrollment is no longer active, its address is suppressed or an
   * earlier attempt of the same execution was sent or may have been. Nothing is written for the
   * send itself, and nothing is handed to a provider yet: see {@link #handOver}. A reservation the
   * batch does not use is given back ({@link #release}).
   */
  List<SendSlot> prepareSends(List<SendDraft> drafts, Instant now);

  /**
   * Hands reserved sends over, right before their provider calls: writes each as {@code sending} (a
   * new row, or the row of an earlier attempt) if its execution is still this claim (same version,
   * running), with its enrollment and campaign active. The execution rows are share-locked
   * meanwhile (in id order), so a concurrent pause, stop or archive (each of which updates the
   * execution) either commits first and the send is not handed over, or waits until it was. In the
   * same transaction, records the provider answers the batch got since its previous hand-over
   * ({@code answered}, as {@link #complete} would), so a crash leaves in doubt only the sends of
   * the group under way.
   *
   * @return for each send handed over, its execution id and the id of its row; for the others, do
   *     not call the provider
   */
  Map<Long, Long> handOver(List<HandOver> sends, List<SendUpdate> answered, Instant now);

  /**
   * Sends reserved at {@code reservedAt} and not handed to a provider after all: their share of the
   * mailboxes' daily and hourly limits is given back, and rows a group hand-over had marked {@code
   * sending} are {@code prepared} again. One transaction.
   */
  void release(List<SendRelease> releases, Instant reservedAt);

  /**
   * Records that this node cannot unseal a mailbox's credentials (an event the alert rules read);
   * the work itself only waits.
   */
  void secretUnavailable(long mailboxId, String nodeId, String reason, Instant now);

  /** The sent emails of each enrollment (for same-thread follow-ups); absent if none yet. */
  Map<Long, EmailThread> threads(Collection<Long> enrollmentIds);

  /**
   * When each enrollment's first email went out (or was handed to its provider, if the outcome is
   * not known yet); absent for enrollments that have had none: their next email is a first email.
   */
  Map<Long, Instant> firstEmails(Collection<Long> enrollmentIds);

  /**
   * The provider refused the mailbox's credentials: marks it disconnected, holds the pending work
   * of its enrollments and records an event, once (later calls change nothing).
   */
  void disconnectMailbox(long mailboxId, String reason, Instant now);

  /** A provider limit: no send from this mailbox before {@code until}; records an event. */
  void deferMailbox(long mailboxId, String reason, Instant until, Instant now);

  /**
   * Applies the completions of leased runs in one transaction; returns those that won their race
   * (the others changed nothing). A NOTIFY wakes other workers if they scheduled work due before
   * {@code wakeBefore} (null: never).
   */
  List<Completion> complete(List<Completion> completions, Instant now, Instant wakeBefore);

  /**
   * Applies the completions in one transaction, waking workers for work due now; returns how many
   * lost their race.
   */
  default int complete(List<Completion> completions, Instant now) {
    return completions.size() - complete(completions, now, now.plusMillis(1)).size();
  }

  /**
   * Extends the leases of the executions this node has in flight; a lease whose work this node gave
   * up on is left to expire, so the reaper hands it to another turn.
   */
  int renewLeases(String nodeId, Collection<Long> inFlight, Instant leaseUntil);

  /** Returns expired leases of any node to {@code pending}. */
  int reapExpired(Instant now);

  /** Returns every lease this node holds to {@code pending} (graceful shutdown). */
  int release(String nodeId);

  /**
   * Resumes enrollments whose pause ended (out of office until a return date); returns how many.
   */
  int resumeDue(Instant now);

  /** How many executions are due at {@code now}, and how long the oldest has waited (seconds). */
  long[] queue(java.time.Instant now);

  /** The earliest scheduled pending execution, if any. */
  Optional<Instant> nextDueAt();
}
